// bottleneck/light.js is Bottleneck without clustering (what octokit's throttling plugin itself loads);
// the package types only its main entry, which this one shares.
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
