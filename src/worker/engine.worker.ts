import { expose } from "comlink";
import { createEngineApi } from "./engine-api";

// The engine runs here, off the UI thread: compiling on every keystroke never blocks typing.
expose(createEngineApi());
