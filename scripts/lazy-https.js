'use strict';
/**
 * What the CLI bundle (scripts/bundle-cli.js) gives pptxgenjs for `import('node:https')`. pptxgenjs loads https for
 * every slide it writes, to fetch images given by URL; kommunedeck never gives it one (charts and images are
 * bytes), yet loading https (tls, http, net and their kin) was ~10 ms of a single deck's whole-process time.
 * The real module is loaded the first time pptxgenjs uses it, so a URL image would still work.
 */
let https;
const real = () => (https ??= require('https'));

module.exports = {
  get: (...args) => real().get(...args),
  request: (...args) => real().request(...args),
};
