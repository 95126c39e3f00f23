// Runs functions of docs/assets/js/calc/records-format.mjs for tests/unit/test_records_js.py:
// stdin {"calls": [[name, ...args]]} → stdout [result, …]. mergePlan gets a counting newId.
import * as fmt from "../../docs/assets/js/calc/records-format.mjs";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { calls } = JSON.parse(input);
let counter = 0;
const out = calls.map(([name, ...args]) => {
  if (name === "mergePlan") return fmt.mergePlan(args[0], args[1], args[2], () => `new-${++counter}`, args[3]);
  return fmt[name](...args);
});
process.stdout.write(JSON.stringify(out));
