// Package deploy holds no code: it is the home of the deployment examples
// (GitHub Actions, ECS, Kubernetes) and of the test that keeps them
// parseable and consistent.
package deploy
