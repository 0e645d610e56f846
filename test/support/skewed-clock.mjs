/* global process */
// A CI runner whose clock is wrong: loaded with `node --import` (through NODE_OPTIONS) into a child
// process of the real CLI, it shifts Date by AEP_TEST_CLOCK_OFFSET_MS. Nothing of aep-gitops is replaced:
// the process simply lives at another time, as a runner with a drifting clock does.
const offset = Number(process.env.AEP_TEST_CLOCK_OFFSET_MS ?? 0);
const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);

class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(realNow() + offset);
    else super(...args);
  }
  static now() {
    return realNow() + offset;
  }
}
globalThis.Date = SkewedDate;
