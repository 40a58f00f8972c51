package iampolicy

import "strings"

// ActionsForCall returns the IAM actions one API call needs. The call is
// named "service:Operation", as the sandbox records it; a DryRun call needs
// exactly what the real call needs. Most operations need the action of the
// same name; the exceptions are the calls that also tag or pass a role:
//
//   - fis:CreateExperimentTemplate: gameday sends tags (fis:TagResource) and
//     a role (iam:PassRole).
//   - fis:StartExperiment: gameday sends tags (fis:TagResource).
//   - s3:ListObjectsV2: the IAM action is s3:ListBucket.
func ActionsForCall(call string) []string {
	switch call {
	case "fis:CreateExperimentTemplate":
		return []string{call, "fis:TagResource", "iam:PassRole"}
	case "fis:StartExperiment":
		return []string{call, "fis:TagResource"}
	case "s3:ListObjectsV2":
		return []string{"s3:ListBucket"}
	}
	if !strings.Contains(call, ":") {
		return nil
	}
	return []string{call}
}
