// A broadcast template named by POST /broadcasts must exist and get every variable it uses.
export async function checkBroadcastTemplate(_tableName: string, _templateKey: string, _vars: Record<string, string>): Promise<void> {
  // Checked against the templates store once it lands (N1's getTemplate / missingVars).
}
