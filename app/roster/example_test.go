package roster_test

import (
	"fmt"

	"crosstalk/app"
	"crosstalk/app/roster"
)

func ExampleRead() {
	csv := "社員番号,氏名,フリガナ,年代,コホート\r\n" +
		"００１２３,髙橋　一郎,ﾀｶﾊｼ ｲﾁﾛｳ,50〜54歳,第1期\r\n" +
		"00124,,スズキ,50代,第9期\r\n"
	known := roster.Known{Cohorts: []app.Cohort{{ID: "c1", Name: "第1期"}}}
	p, err := roster.Read("roster.csv", []byte(csv), known)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range p.Rows {
		fmt.Printf("%d %v %+v\n", r.Line, r.OK, r.Entry)
	}
	for _, pr := range p.Problems {
		fmt.Printf("row %d %s: %s %q\n", pr.Row, pr.Column, pr.Code, pr.Value)
	}
	// Output:
	// 2 true {EmployeeNo:00123 Name:髙橋 一郎 Kana:タカハシ イチロウ AgeBand:50-54 JobRole: Cohorts:[c1] Role:participant Themes:[] Email:}
	// 3 false {EmployeeNo:00124 Name: Kana:スズキ AgeBand:50s JobRole: Cohorts:[] Role:participant Themes:[] Email:}
	// row 3 name: missing_value ""
	// row 3 cohort: unknown_cohort "第9期"
}
