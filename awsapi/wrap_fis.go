package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/fis"
)

// fisHooked runs a Hook around every FIS call.
type fisHooked struct {
	inner FIS
	hook  Hook
}

func (w fisHooked) CreateExperimentTemplate(ctx context.Context, params *fis.CreateExperimentTemplateInput, optFns ...func(*fis.Options)) (*fis.CreateExperimentTemplateOutput, error) {
	return invoke(ctx, w.hook, newCall("fis", "CreateExperimentTemplate", params), func(ctx context.Context) (*fis.CreateExperimentTemplateOutput, error) {
		return w.inner.CreateExperimentTemplate(ctx, params, optFns...)
	})
}

func (w fisHooked) GetExperimentTemplate(ctx context.Context, params *fis.GetExperimentTemplateInput, optFns ...func(*fis.Options)) (*fis.GetExperimentTemplateOutput, error) {
	return invoke(ctx, w.hook, newCall("fis", "GetExperimentTemplate", params), func(ctx context.Context) (*fis.GetExperimentTemplateOutput, error) {
		return w.inner.GetExperimentTemplate(ctx, params, optFns...)
	})
}

func (w fisHooked) DeleteExperimentTemplate(ctx context.Context, params *fis.DeleteExperimentTemplateInput, optFns ...func(*fis.Options)) (*fis.DeleteExperimentTemplateOutput, error) {
	return invoke(ctx, w.hook, newCall("fis", "DeleteExperimentTemplate", params), func(ctx context.Context) (*fis.DeleteExperimentTemplateOutput, error) {
		return w.inner.DeleteExperimentTemplate(ctx, params, optFns...)
	})
}

func (w fisHooked) ListExperimentTemplates(ctx context.Context, params *fis.ListExperimentTemplatesInput, optFns ...func(*fis.Options)) (*fis.ListExperimentTemplatesOutput, error) {
	return invoke(ctx, w.hook, newCall("fis", "ListExperimentTemplates", params), func(ctx context.Context) (*fis.ListExperimentTemplatesOutput, error) {
		return w.inner.ListExperimentTemplates(ctx, params, optFns...)
	})
}

func (w fisHooked) StartExperiment(ctx context.Context, params *fis.StartExperimentInput, optFns ...func(*fis.Options)) (*fis.StartExperimentOutput, error) {
	return invoke(ctx, w.hook, newCall("fis", "StartExperiment", params), func(ctx context.Context) (*fis.StartExperimentOutput, error) {
		return w.inner.StartExperiment(ctx, params, optFns...)
	})
}

func (w fisHooked) GetExperiment(ctx context.Context, params *fis.GetExperimentInput, optFns ...func(*fis.Options)) (*fis.GetExperimentOutput, error) {
	return invoke(ctx, w.hook, newCall("fis", "GetExperiment", params), func(ctx context.Context) (*fis.GetExperimentOutput, error) {
		return w.inner.GetExperiment(ctx, params, optFns...)
	})
}

func (w fisHooked) StopExperiment(ctx context.Context, params *fis.StopExperimentInput, optFns ...func(*fis.Options)) (*fis.StopExperimentOutput, error) {
	return invoke(ctx, w.hook, newCall("fis", "StopExperiment", params), func(ctx context.Context) (*fis.StopExperimentOutput, error) {
		return w.inner.StopExperiment(ctx, params, optFns...)
	})
}

func (w fisHooked) ListExperiments(ctx context.Context, params *fis.ListExperimentsInput, optFns ...func(*fis.Options)) (*fis.ListExperimentsOutput, error) {
	return invoke(ctx, w.hook, newCall("fis", "ListExperiments", params), func(ctx context.Context) (*fis.ListExperimentsOutput, error) {
		return w.inner.ListExperiments(ctx, params, optFns...)
	})
}
