// Package draft writes the game day `gameday init` proposes, from what
// package discover found and decided: one commented file in the canonical
// layout of `gameday fmt`. Everything it writes either comes from the
// account or is a default the file says to adjust; what could not be
// decided is a "# TODO:" comment with the reason, and a block that could
// not be made safe to run is written commented out, never as a guess.
package draft
