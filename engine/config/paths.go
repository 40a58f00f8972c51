package config

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// VarFileSuffix marks var files kept next to game days: directory
// expansion skips them because they hold values, not game days.
const VarFileSuffix = ".vars.hcl"

// ExpandPaths turns FILE|DIR arguments into game-day files: a file is kept
// as given (whatever its name), a directory contributes every *.hcl file
// below it, except hidden directories and, unless includeVarFiles (for
// fmt), *.vars.hcl, in lexical order. An
// argument that does not exist, or a directory without game days, is an
// error: a CI job validating an empty directory should fail, not pass.
func ExpandPaths(args []string, includeVarFiles bool) ([]string, error) {
	var out []string
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", arg, err)
		}
		if !st.IsDir() {
			out = append(out, arg)
			continue
		}
		var found []string
		err = filepath.WalkDir(arg, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if de.IsDir() {
				if p != arg && strings.HasPrefix(de.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(p, ".hcl") && (includeVarFiles || !strings.HasSuffix(p, VarFileSuffix)) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("cannot list %s: %w", arg, err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no game-day files (*.hcl) found in directory %s", arg)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}
