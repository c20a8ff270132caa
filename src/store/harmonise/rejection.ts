/** A row that cannot be stored: which field and why. It goes to quarantine, the ingest goes on. */
export class RowRejection extends Error {
  constructor(
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
    this.name = "RowRejection";
  }
}
