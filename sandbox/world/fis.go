package world

import (
	"fmt"
	"slices"
	"strings"
)

// FIS resource types the sandbox resolves.
const (
	FISInstance = "aws:ec2:instance"
	FISSubnet   = "aws:ec2:subnet"
	FISASG      = "aws:ec2:autoscaling-group"
	FISCluster  = "aws:rds:cluster"
)

// resource is one candidate for FIS target resolution.
type resource struct {
	id, arn string
	tags    map[string]string
	attrs   map[string]string // filter path -> value
}

// Resolve returns the ids of a FIS resource type from explicit ARNs, or
// from tags (all must match) and filters (path -> allowed values).
// Instances: filters Placement.AvailabilityZone and State.Name; shutting-down
// and terminated instances are never targets. Subnets: AvailabilityZone.
// Auto Scaling groups resolve to names, DB clusters to cluster ids.
func (w *World) Resolve(resourceType string, arns []string, tags map[string]string, filters map[string][]string) ([]string, error) {
	cands, paths, err := w.candidates(resourceType)
	if err != nil {
		return nil, err
	}
	for p := range filters {
		if !slices.Contains(paths, p) {
			return nil, fmt.Errorf("not resolving %s targets: filter path %q is not supported (supported: %s)", resourceType, p, strings.Join(paths, ", "))
		}
	}
	if len(arns) > 0 {
		byARN := map[string]string{}
		for _, c := range cands {
			byARN[c.arn] = c.id
		}
		var out []string
		for _, a := range arns {
			id, ok := byARN[normalARN(resourceType, a)]
			if !ok {
				return nil, fmt.Errorf("not resolving %s targets: resource %s does not exist", resourceType, a)
			}
			out = append(out, id)
		}
		return out, nil
	}
	var out []string
next:
	for _, c := range cands {
		for k, v := range tags {
			if got, ok := c.tags[k]; !ok || got != v {
				continue next
			}
		}
		for p, allowed := range filters {
			if !slices.Contains(allowed, c.attrs[p]) {
				continue next
			}
		}
		out = append(out, c.id)
	}
	return out, nil
}

func (w *World) candidates(resourceType string) ([]resource, []string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []resource
	switch resourceType {
	case FISInstance:
		for _, i := range w.insts {
			if i.state == StateShuttingDown || i.state == StateTerminated {
				continue
			}
			out = append(out, resource{id: i.id, arn: InstanceARN(i.id), tags: i.tags,
				attrs: map[string]string{"Placement.AvailabilityZone": i.az, "State.Name": i.state}})
		}
		return out, []string{"Placement.AvailabilityZone", "State.Name"}, nil
	case FISSubnet:
		for _, s := range w.net.subnets {
			out = append(out, resource{id: s.ID, arn: SubnetARN(s.ID), tags: s.Tags, attrs: map[string]string{"AvailabilityZone": s.AZ}})
		}
		return out, []string{"AvailabilityZone"}, nil
	case FISASG:
		out = append(out, resource{id: ASGName, arn: groupARNPrefix + ASGName, tags: w.group.tags})
		return out, nil, nil
	case FISCluster:
		out = append(out, resource{id: DBClusterID, arn: ClusterARN(DBClusterID), tags: map[string]string{"Name": DBClusterID, "Environment": "staging"}})
		return out, nil, nil
	}
	return nil, nil, fmt.Errorf("not resolving targets: resource type %q is not one the sandbox has (%s, %s, %s, %s)", resourceType, FISInstance, FISSubnet, FISASG, FISCluster)
}

// ARNs of sandbox resources.
func InstanceARN(id string) string {
	return "arn:aws:ec2:" + Region + ":" + AccountID + ":instance/" + id
}

// SubnetARN is a subnet's ARN.
func SubnetARN(id string) string { return "arn:aws:ec2:" + Region + ":" + AccountID + ":subnet/" + id }

// ClusterARN is a DB cluster's ARN.
func ClusterARN(id string) string {
	return "arn:aws:rds:" + Region + ":" + AccountID + ":cluster:" + id
}

// StopInstances stops instances for FIS (aws:ec2:stop-instances).
func (w *World) StopInstances(ids []string) error {
	_, err := w.Stop(ids)
	return err
}

// StartInstances starts instances for FIS after a stop action. Instances
// the Auto Scaling group has meanwhile terminated cannot start: the others
// are started and the error names them (FIS's completeIfInstancesTerminated
// decides whether that fails the action).
func (w *World) StartInstances(ids []string) error {
	w.mu.Lock()
	var startable, gone []string
	for _, id := range ids {
		i := w.instBy[id]
		switch {
		case i == nil, i.state == StateShuttingDown, i.state == StateTerminated:
			gone = append(gone, id)
		case i.state == StateStopping:
			// Not yet stopped: FIS waits for the stop; the sandbox starts it
			// when asked again.
			gone = append(gone, id)
		default:
			startable = append(startable, id)
		}
	}
	w.mu.Unlock()
	if len(startable) > 0 {
		if _, err := w.Start(startable); err != nil {
			return err
		}
	}
	if len(gone) > 0 {
		return fmt.Errorf("not starting %s: terminated, stopping or no longer present", strings.Join(gone, ", "))
	}
	return nil
}

const groupARNPrefix = "arn:aws:autoscaling:" + Region + ":" + AccountID + ":autoScalingGroup:*:autoScalingGroupName/"

// normalARN lets an Auto Scaling group ARN match whatever its uuid part:
// the sandbox has one group and users write its ARN by hand.
func normalARN(resourceType, arn string) string {
	if resourceType != FISASG {
		return arn
	}
	prefix, name, ok := strings.Cut(arn, ":autoScalingGroupName/")
	if !ok || !strings.HasPrefix(prefix, "arn:aws:autoscaling:"+Region+":"+AccountID+":autoScalingGroup:") {
		return arn
	}
	return groupARNPrefix + name
}
