package smoke

import (
	"fmt"

	"fyne.io/fyne/v2/container"
)

// Tabs is the steps that show each tab of tabs in turn and take its
// picture, with the fit check (see Runner.Picture), as "view-" and the
// tab's name: names[i] for tab i, or prefix and i+1 past the names. Each
// tab is given twice the runner's Settle to load. Inner, when not nil,
// gives the steps that follow tab i's picture, such as the pictures of
// the tabs inside it. At the end the first tab is shown again.
func Tabs(tabs *container.AppTabs, prefix string, names []string, inner func(i int) []Step) []Step {
	var steps []Step
	for i := range tabs.Items {
		name := fmt.Sprintf("%s-%d", prefix, i+1)
		if i < len(names) {
			name = names[i]
		}
		steps = append(steps,
			Step{Open: func(*Runner) error { tabs.SelectIndex(i); return nil }},
			Step{Shot: "view-" + name})
		if inner != nil {
			steps = append(steps, inner(i)...)
		}
	}
	return append(steps, Step{Open: func(*Runner) error { tabs.SelectIndex(0); return nil }})
}
