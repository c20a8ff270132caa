// Where the promotion graph keeps its checkpoints: the application's own SQLite file.
export { SqliteCheckpointer } from "./saver.js";
export type { SqliteCheckpointerOptions } from "./saver.js";
