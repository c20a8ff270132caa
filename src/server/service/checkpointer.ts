import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * The graph's SQLite checkpointer, giving the event loop a turn before each write. SQLite calls are
 * synchronous, so a whole graph run is otherwise one chain of promises that holds the server's
 * thread from start to end; checkpoints are written after every step, so with this the HTTP
 * server (and Ctrl+C) gets a turn between the graph's nodes rather than only between runs.
 */
export class YieldingSqliteSaver extends SqliteSaver {
  override async put(...args: Parameters<SqliteSaver["put"]>): ReturnType<SqliteSaver["put"]> {
    await nextTurn();
    return super.put(...args);
  }

  override async putWrites(...args: Parameters<SqliteSaver["putWrites"]>): ReturnType<SqliteSaver["putWrites"]> {
    await nextTurn();
    return super.putWrites(...args);
  }
}
