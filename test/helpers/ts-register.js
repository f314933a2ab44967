/**
 * A require hook that lets a plain `node` process load this project's TypeScript (CommonJS output, no type
 * check): typescript's transpileModule, module by module, as ts-jest does in isolatedModules mode. Used by the
 * tests that need a fresh process (determinism across processes); ts-node and tsx are not installed.
 */
'use strict';
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
    },
  });
  module._compile(outputText, filename);
};
