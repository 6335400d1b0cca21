'use strict';
// The browser side of the suite: scenarios the browser cases run against a target, and the client-case runner.
// It only observes and reports; every verdict is decided by the suite from what it returns.
window.conformance = {};
