/** Accumulates lognormal cells (mean, log-sd) into an 80 % interval for their sum. */
export class LognormalSum {
  private mean = 0;
  private variance = 0;
  private sdSum = 0;

  /** Add a cell with expected value `mean` and log-scale standard deviation `sigma`. */
  add(mean: number, sigma: number): void {
    const v = mean * mean * (Math.exp(sigma * sigma) - 1);
    this.mean += mean;
    this.variance += v;
    this.sdSum += Math.sqrt(v);
  }

  /**
   * 80 % interval of the sum by Fenton–Wilkinson (a lognormal matching the sum's mean and variance);
   * `rho` is the correlation between cells (stores in the same week move together).
   */
  interval80(rho: number): [number, number] {
    if (this.mean <= 0) return [0, 0];
    const v = (1 - rho) * this.variance + rho * this.sdSum * this.sdSum;
    const s2 = Math.log(1 + v / (this.mean * this.mean));
    const mu = Math.log(this.mean) - s2 / 2;
    const s = Math.sqrt(s2);
    return [Math.exp(mu - Z90 * s), Math.exp(mu + Z90 * s)];
  }

  /** Expected value of the sum. */
  get total(): number {
    return this.mean;
  }
}

/** Standard normal 90 % quantile. */
export const Z90 = 1.2815515655446004;
