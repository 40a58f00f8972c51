package config

import (
	"fmt"
	"slices"
)

// awsRegions lists the AWS region names a game day may name. AWS adds
// regions every year: extend this list when one launches (a name missing
// here is refused at load time, which is the safe failure). Includes the
// GovCloud, China and European Sovereign Cloud partitions.
func awsRegions() []string {
	return []string{
		"af-south-1",
		"ap-east-1", "ap-east-2",
		"ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-south-1", "ap-south-2",
		"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
		"ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
		"ca-central-1", "ca-west-1",
		"cn-north-1", "cn-northwest-1",
		"eu-central-1", "eu-central-2",
		"eu-north-1",
		"eu-south-1", "eu-south-2",
		"eu-west-1", "eu-west-2", "eu-west-3",
		"eusc-de-east-1",
		"il-central-1",
		"me-central-1", "me-south-1",
		"mx-central-1",
		"sa-east-1",
		"us-east-1", "us-east-2",
		"us-gov-east-1", "us-gov-west-1",
		"us-west-1", "us-west-2",
	}
}

// isRegion reports whether name is a known AWS region.
func isRegion(name string) bool { return slices.Contains(awsRegions(), name) }

// CheckRegion refuses a name that is not a known AWS region, suggesting the
// closest one: a --region flag or a state URL's ?region= is held to the
// same list as a game-day file, so a typo fails before any call is made.
func CheckRegion(name string) error {
	if isRegion(name) {
		return nil
	}
	return fmt.Errorf("%q is not an AWS region name, such as \"us-east-1\".%s", name, DidYouMean(name, awsRegions()))
}

// azRegion returns the region of an Availability Zone name ("us-east-1a"
// -> "us-east-1"), or "" when name is not shaped like one. Local Zones
// ("us-east-1-bos-1a") are accepted too.
func azRegion(d *Decoder, name string) string {
	m := d.regexp(`^([a-z]{2,4}(?:-gov)?-[a-z]+-[0-9])(?:-[a-z]+-[0-9])?[a-z]$`).FindStringSubmatch(name)
	if m == nil || !isRegion(m[1]) {
		return ""
	}
	return m[1]
}

// checkRegion reads name as a known AWS region.
func checkRegion(a *Args, name string) string {
	s := a.String(name)
	if s == "" {
		return ""
	}
	if !isRegion(s) {
		a.Errorf(name, "Unknown region", "%q is not an AWS region name, such as \"us-east-1\".%s", s, DidYouMean(s, awsRegions()))
	}
	return s
}

// CheckAZ reads name as an Availability Zone name.
func CheckAZ(a *Args, name string) string {
	s := a.String(name)
	if s == "" {
		return ""
	}
	if azRegion(a.Decoder(), s) == "" {
		a.Errorf(name, "Invalid Availability Zone", "%q is not an Availability Zone name of a known region, such as \"us-east-1a\".", s)
	}
	return s
}

// CheckIDs reads name as a list of AWS resource ids with the given prefix
// ("i", "nat", "subnet", "rtb").
func CheckIDs(a *Args, name, prefix string) []string {
	ids := a.Strings(name)
	pattern := `^` + prefix + `-(?:[0-9a-f]{8}|[0-9a-f]{17})$`
	for _, id := range ids {
		if !a.Decoder().Match(pattern, id) {
			a.Errorf(name, "Invalid resource ID", "%q is not a valid ID here: expected %q followed by 8 or 17 hexadecimal digits.", id, prefix+"-")
			break
		}
	}
	if a.Has(name) && len(ids) == 0 {
		a.Errorf(name, "Empty list", "The list %q is empty; remove the argument or list at least one ID.", name)
	}
	return ids
}
