package cw

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

type historyItem struct {
	alarm    string
	kind     types.AlarmType
	itemType types.HistoryItemType
	summary  string
	data     string
	at       time.Time
}

type historyState struct {
	StateValue      string          `json:"stateValue"`
	StateReason     string          `json:"stateReason"`
	StateReasonData json.RawMessage `json:"stateReasonData,omitempty"`
}

// stateHistory builds a StateUpdate item whose HistoryData has AWS's shape:
// {"version":"1.0","oldState":{...},"newState":{...}}.
func stateHistory(a *alarm, from types.StateValue, oldReason, oldData string, now time.Time) historyItem {
	data := struct {
		Version  string       `json:"version"`
		OldState historyState `json:"oldState"`
		NewState historyState `json:"newState"`
	}{
		Version:  "1.0",
		OldState: historyState{StateValue: string(from), StateReason: oldReason, StateReasonData: rawJSON(oldData)},
		NewState: historyState{StateValue: string(a.state), StateReason: a.reason, StateReasonData: rawJSON(a.reasonData)},
	}
	b, _ := json.Marshal(data)
	return historyItem{alarm: a.name, kind: a.kind(), itemType: types.HistoryItemTypeStateUpdate,
		summary: fmt.Sprintf("Alarm updated from %s to %s", from, a.state), data: string(b), at: now}
}

func configHistory(a *alarm, now time.Time) historyItem {
	data := map[string]any{"version": "1.0", "type": "Create", "createdAlarm": map[string]any{
		"alarmName": a.name, "alarmArn": a.arn, "stateValue": string(a.state)}}
	b, _ := json.Marshal(data)
	return historyItem{alarm: a.name, kind: a.kind(), itemType: types.HistoryItemTypeConfigurationUpdate,
		summary: fmt.Sprintf("Alarm %q created", a.name), data: string(b), at: now}
}

// rawJSON keeps valid JSON as an object and drops anything else (free-text
// reason data from SetAlarmState that is not JSON).
func rawJSON(s string) json.RawMessage {
	if s == "" || !json.Valid([]byte(s)) {
		return nil
	}
	return json.RawMessage(s)
}
