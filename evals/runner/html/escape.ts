export { esc } from "../../../src/html.js";
