package demo

import (
	"encoding/json"

	"crosstalk/app"
)

// reading is a name written in kanji with its reading in katakana.
type reading struct {
	kanji, kana string
}

// families are common family names with their readings.
var families = []reading{
	{"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"},
	{"伊藤", "イトウ"}, {"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"},
	{"小林", "コバヤシ"}, {"加藤", "カトウ"}, {"吉田", "ヨシダ"}, {"山田", "ヤマダ"},
	{"佐々木", "ササキ"}, {"山口", "ヤマグチ"}, {"松本", "マツモト"}, {"井上", "イノウエ"},
	{"木村", "キムラ"}, {"林", "ハヤシ"}, {"斎藤", "サイトウ"}, {"清水", "シミズ"},
	{"山崎", "ヤマザキ"}, {"森", "モリ"}, {"池田", "イケダ"}, {"橋本", "ハシモト"},
	{"阿部", "アベ"}, {"石川", "イシカワ"}, {"山下", "ヤマシタ"}, {"中島", "ナカジマ"},
	{"石井", "イシイ"}, {"小川", "オガワ"}, {"前田", "マエダ"}, {"岡田", "オカダ"},
	{"長谷川", "ハセガワ"}, {"藤田", "フジタ"}, {"後藤", "ゴトウ"}, {"近藤", "コンドウ"},
	{"村上", "ムラカミ"}, {"遠藤", "エンドウ"}, {"青木", "アオキ"}, {"坂本", "サカモト"},
	{"西村", "ニシムラ"}, {"福田", "フクダ"}, {"太田", "オオタ"}, {"三浦", "ミウラ"},
	{"藤井", "フジイ"}, {"岡本", "オカモト"}, {"松田", "マツダ"}, {"中川", "ナカガワ"},
	{"原田", "ハラダ"}, {"小野", "オノ"},
}

// givens are given names common in the generation the programme serves,
// with their readings.
var givens = []reading{
	{"健一", "ケンイチ"}, {"誠", "マコト"}, {"浩", "ヒロシ"}, {"隆", "タカシ"},
	{"修", "オサム"}, {"茂", "シゲル"}, {"明", "アキラ"}, {"和夫", "カズオ"},
	{"正樹", "マサキ"}, {"直樹", "ナオキ"}, {"哲也", "テツヤ"}, {"健二", "ケンジ"},
	{"聡", "サトシ"}, {"剛", "ツヨシ"}, {"秀樹", "ヒデキ"}, {"雅之", "マサユキ"},
	{"康弘", "ヤスヒロ"}, {"信也", "シンヤ"}, {"一郎", "イチロウ"}, {"浩二", "コウジ"},
	{"克彦", "カツヒコ"}, {"大輔", "ダイスケ"}, {"洋平", "ヨウヘイ"}, {"俊介", "シュンスケ"},
	{"恵子", "ケイコ"}, {"由美子", "ユミコ"}, {"裕子", "ユウコ"}, {"明美", "アケミ"},
	{"直美", "ナオミ"}, {"久美子", "クミコ"}, {"真由美", "マユミ"}, {"陽子", "ヨウコ"},
	{"幸子", "サチコ"}, {"美穂", "ミホ"}, {"智子", "トモコ"}, {"京子", "キョウコ"},
	{"典子", "ノリコ"}, {"和美", "カズミ"}, {"淳子", "ジュンコ"}, {"千秋", "チアキ"},
	{"香織", "カオリ"}, {"理恵", "リエ"},
}

// company is a member company as the generators describe it.
type company struct {
	name, industry string
}

// demoCompanies are the six companies of the demo consortium.
var demoCompanies = []company{
	{"株式会社みなと精工", "製造"},
	{"株式会社あおば銀行", "金融"},
	{"ソラリンク株式会社", "情報通信"},
	{"株式会社はなまるストア", "小売"},
	{"北斗建設株式会社", "建設"},
	{"株式会社ひだまりケア", "医療・福祉"},
}

// industries are the industries Scale spreads its companies over; each
// has the word that ends its companies' names.
var industries = []company{
	{"精工", "製造"}, {"銀行", "金融"}, {"システムズ", "情報通信"}, {"ストア", "小売"},
	{"建設", "建設"}, {"ケア", "医療・福祉"}, {"運輸", "運輸・物流"}, {"電力", "電気・ガス"},
	{"地所", "不動産"}, {"食品", "食品"}, {"化学", "化学"}, {"商事", "卸売・商社"},
	{"生命", "保険"}, {"学園", "教育"}, {"エージェンシー", "広告・メディア"},
}

// companyStems begin Scale's company names.
var companyStems = []string{
	"みなと", "あおば", "ひかり", "東邦", "北斗", "大和", "三協", "中央", "富士", "瑞穂",
}

// themes are the career themes participants tag themselves with.
var themes = []string{
	"セカンドキャリア", "学び直し", "副業・兼業", "地域貢献", "マネジメント",
	"後進育成", "介護との両立", "起業", "転職", "健康",
	"DX", "海外経験", "定年後の働き方", "ワークライフバランス", "資格取得",
}

// jobRoles are job roles and families.
var jobRoles = []string{
	"営業部長", "営業課長", "法人営業", "技術開発", "研究開発", "生産管理",
	"品質保証", "経理・財務", "総務", "経営企画", "情報システム", "購買・調達",
	"店舗運営", "施工管理", "設計", "看護管理", "介護サービス", "広報",
	"内部監査", "商品企画", "物流管理", "カスタマーサポート",
}

// hobbies fill the interests field and some self-introductions.
var hobbies = []string{
	"登山", "読書", "写真", "料理", "ゴルフ", "囲碁", "将棋", "家庭菜園", "旅行",
	"ランニング", "歴史散策", "釣り", "茶道", "陶芸", "英会話", "ボランティア",
	"音楽鑑賞", "映画", "サイクリング", "書道",
}

// freeTimes are usual free times: a weekly pattern as participants tick
// it, and the note they wrote in words before patterns, kept. One has no
// pattern: it fits no part of the day.
var freeTimes = []struct {
	week []string // app.FreeWeek's names
	note string
}{
	{[]string{"mon-evening", "tue-evening", "wed-evening", "thu-evening", "fri-evening"}, "平日の夕方"},
	{[]string{"tue-afternoon", "thu-afternoon"}, "火曜・木曜の午後"},
	{[]string{"mon-morning", "wed-morning"}, "月曜・水曜の午前"},
	{[]string{"fri-afternoon"}, "金曜の午後"},
	{nil, "平日の昼休み（12時〜13時）"},
	{[]string{"wed-evening"}, "水曜の夕方以降"},
	{[]string{"mon-morning", "tue-morning", "wed-morning", "thu-morning", "fri-morning"}, "平日の午前中"},
	{[]string{"mon-afternoon", "tue-afternoon", "wed-afternoon", "thu-afternoon", "fri-afternoon"}, "月末を除く平日の午後"},
	{[]string{"thu-afternoon", "thu-evening"}, "木曜の15時以降"},
	{[]string{"mon-morning", "mon-afternoon", "tue-morning", "tue-afternoon", "wed-morning", "wed-afternoon",
		"thu-morning", "thu-afternoon", "fri-morning", "fri-afternoon"}, "平日10時〜16時"},
}

// freeWeek is the pattern of names.
func freeWeek(names []string) app.FreeWeek {
	b, err := json.Marshal(names)
	if err != nil {
		panic(err)
	}
	var w app.FreeWeek
	if err := json.Unmarshal(b, &w); err != nil {
		panic(err) // the names above are all known
	}
	return w
}

// modeSets are the sets of talk modes people accept, with weights.
var modeSets = []struct {
	modes  []app.Mode
	weight int
}{
	{[]app.Mode{app.ModeOnline}, 20},
	{[]app.Mode{app.ModeOnline, app.ModePhone}, 25},
	{[]app.Mode{app.ModeOnline, app.ModeInPerson}, 20},
	{[]app.Mode{app.ModeOnline, app.ModePhone, app.ModeInPerson}, 25},
	{[]app.Mode{app.ModePhone}, 5},
	{[]app.Mode{app.ModePhone, app.ModeInPerson}, 5},
}

// Fragments of self-introductions: an opening on the job role, a middle
// on a theme, and an optional closing, with or without a hobby.
var (
	introOpenings = []string{
		"現在は%sを担当しています。",
		"入社以来、主に%sの仕事に携わってきました。",
		"%sとして、長年現場を支えてきました。",
		"ここ数年は%sの立場で、チームづくりに取り組んでいます。",
		"%sの仕事を通じて、多くの方に支えられてきました。",
	}
	introMiddles = []string{
		"最近は%sに関心があり、他社の方のお考えを伺いたいと思っています。",
		"%sについて、同じ世代の方と率直にお話しできればうれしいです。",
		"これからの%sについて、一緒に考えるきっかけになればと思います。",
		"%sについて、少しずつ情報を集め始めたところです。",
		"%sについて、実際に取り組まれている方のお話を伺いたいです。",
	}
	introHobbies = []string{
		"休日は%sを楽しんでいます。",
		"趣味は%sです。",
		"最近、%sを始めました。",
	}
	introClosings = []string{
		"どうぞお気軽にお声がけください。",
		"よろしくお願いいたします。",
		"業界を越えたつながりを楽しみにしています。",
	}
)

// offerMessages are the templates of offer messages; the arguments are
// the sender's company, the sender's family name and a theme.
var offerMessages = []string{
	"はじめまして。%sの%sと申します。プロフィールを拝見し、%sについてぜひお話を伺いたくご連絡いたしました。ご都合のよい日時をお選びいただけますと幸いです。",
	"%sの%sです。%sへの取り組みについて、ご経験をお聞かせいただけないでしょうか。1時間ほどお時間をいただければ幸いです。",
	"突然のご連絡失礼いたします。%sの%sと申します。私も%sについて考えているところで、率直に意見交換できればうれしく思います。どうぞよろしくお願いいたします。",
	"はじめまして、%sの%sと申します。%sについて、業界は違っても共通する悩みがあるのではと思い、お声がけしました。ご検討いただけますと幸いです。",
}

// declineNotes are the optional notes sent with a decline.
var declineNotes = []string{
	"お声がけいただきありがとうございます。今期は業務が立て込んでおり、申し訳ありません。",
	"せっかくのお誘いですが、今回は見送らせてください。またの機会によろしくお願いいたします。",
	"ご連絡ありがとうございます。あいにく日程の調整が難しく、失礼いたします。",
	"",
	"",
}

// places are where in-person talks are held.
var places = []string{
	"東京駅 八重洲口近くのカフェ",
	"大手町 交流ラウンジ 3階",
	"新宿 貸会議室 ルームB",
	"品川 コワーキングスペース",
	"横浜 みなとみらい 会議室",
	"コンソーシアム事務局 会議室（神田）",
}

// surveyComments are survey comments; an empty one is no comment.
var surveyComments = []string{
	"率直にお話しいただき、大変参考になりました。",
	"業界は違っても悩みは共通だと気づきました。",
	"学び直しの具体的な方法を教えていただき、早速始めてみます。",
	"時間が足りないほど話が弾みました。",
	"次回は対面でお会いしたいです。",
	"自分のキャリアを見つめ直すよいきっかけになりました。",
	"もう少しテーマを絞って話せればよかったと思います。",
	"",
}
