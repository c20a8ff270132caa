/**
 * An adversarial or honest proposal written from issue #25's description of a family (not from
 * the code): changes to the eval world's base proposal (and policy), checked through
 * `autopromo policy check`. An attack must not be allowed; an honest proposal must be.
 */
export interface WrittenCase {
  family: string;
  note: string;
  proposal: Record<string, unknown>;
  policy?: Record<string, unknown>;
  /** Its units are the model's for the declared scenario (an honest planner's, or a liar's who keeps them consistent). */
  honestUnits?: boolean;
}
