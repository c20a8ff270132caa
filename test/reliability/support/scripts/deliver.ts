// Child process: enqueues launches and delivers them through sandbox channels, slowly enough that
// crash-outbox.test.ts can SIGKILL it at any point between enqueue and the receiver's ledger.
// argv: dbPath sandboxDir campaigns clockOffsetMs
import {
  createAdapters,
  deliverPending,
  enqueueLaunch,
  type ChannelAdapters,
} from "../../../../src/channels/index.js";
import { channelPolicy, makeCampaign } from "../../../../src/channels/testing.js";
import { openDb } from "../../../../src/store/index.js";

const [dbPath, sandboxDir, campaigns, offset] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const clock = { now: () => new Date(Date.now() + Number(offset)) };
const db = openDb(dbPath);
const pause = () => new Promise((r) => setTimeout(r, Math.random() * 8));
console.log("ready");

// Re-running the plan after a crash re-enqueues every campaign; the outbox must make that a no-op.
for (let i = 0; i < Number(campaigns); i++) {
  enqueueLaunch(
    db,
    makeCampaign({
      id: `c-${i}`,
      decisionId: `d-${i}`,
      skus: [`SKU-${i}`],
      channels: ["store", "ecommerce"],
    }),
    { policy: channelPolicy(5), clock },
  );
  await pause();
}
// Small pauses around each send spread the kill points over the whole delivery.
const slow: ChannelAdapters = {};
for (const [channel, a] of Object.entries(createAdapters({ sandboxDir, clock }))) {
  slow[channel as keyof ChannelAdapters] = {
    ...a,
    deliver: async (m, o) => (await pause(), await a.deliver(m, o).finally(pause)),
    retract: async (m, o) => (await pause(), await a.retract(m, o).finally(pause)),
  };
}
const report = await deliverPending(db, slow, clock, { limit: 1000 });
console.log(JSON.stringify(report));
db.close();
