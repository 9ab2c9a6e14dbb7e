import { expose } from "comlink";
import { engineApi } from "./engine-api";

// The engine runs here, off the UI thread: compiling on every keystroke never blocks typing.
expose(engineApi);
