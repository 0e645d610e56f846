// The labels of the issues the Action keeps: one incident issue per failing apply scope, one drift issue.
export const INCIDENT_LABEL = "aep-gitops-incident";
export const DRIFT_LABEL = "aep-drift";
