package remote

import "errors"

func asAPI(err error, target any) bool { return errors.As(err, target) }
