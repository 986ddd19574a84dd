/** Run the `vital-signs` CLI from the TypeScript sources in a child process (kill tests): `node --import tsx run-cli.ts ARGS…`. */
import { main } from "../../lib/cli/main";

main(process.argv.slice(2)).then((code) => process.exit(code));
