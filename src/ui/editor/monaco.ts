// Monaco, bundled from the local package: the editor core, its features
// (hover, find, code actions …), only the C/C++ tokenizer, and the base
// worker built by Vite. Nothing is fetched from any other host.
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/cpp/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
