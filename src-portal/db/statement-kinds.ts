// Which statements a driver may keep prepared, and which may change the schema under them. Both
// drivers (the embedded engine and a PostgreSQL server) prepare the portal's data statements once.

const DATA_STATEMENT = /^\s*(?:select|insert|update|delete|with)\b/i;
/** Statements that never change a table's shape. */
const SCHEMA_NEUTRAL = /^\s*(?:savepoint|release|rollback|begin|start|commit|end|set|reset|show|listen|unlisten|notify|discard)\b/i;

/** SELECT, INSERT, UPDATE, DELETE or WITH: worth preparing, and never a schema change. */
export const isDataStatement = (text: string): boolean => DATA_STATEMENT.test(text);

/** DDL and anything not known to leave the schema alone: prepared statements must be forgotten after it. */
export const mayChangeSchema = (text: string): boolean => !DATA_STATEMENT.test(text) && !SCHEMA_NEUTRAL.test(text);
