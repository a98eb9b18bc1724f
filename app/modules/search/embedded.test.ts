import { searchEngineContract } from "./engine.contract";
import { embeddedEngine } from "./embedded.server";

searchEngineContract("embedded", () => embeddedEngine);
