/** A decision record without what differs between two runs of the same cycle: ids and stamps. */
export function keysAside(record: unknown): unknown {
  const text = JSON.stringify(record)
    .replace(/dec-[A-Za-z0-9_.-]+/g, "<decision>")
    .replace(/"(checkpointId|threadId)":"[^"]*"/g, '"$1":"<key>"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
  return JSON.parse(text);
}
