#!/bin/sh
# libreoffice.sh remakes the roster files under testdata that LibreOffice
# Calc makes, the way an HR department's Excel or LibreOffice would save
# them (issue 13): each is written below as the text HR typed (UTF-8 CSV,
# or flat ODS for merged header cells), opened by soffice as a person opens
# it, and saved in the shape named. The files are committed; the tests read
# the bytes, not this script. Run it from app/roster:
#
#	sh testdata/gen/libreoffice.sh
#
# It needs soffice (apt-get install libreoffice-calc-nogui). Made with
# LibreOffice 7.4 on Debian 12, which writes LF line ends (Excel on
# Windows writes CRLF; Read takes both).
#
# Filter options (https://help.libreoffice.org/latest/en-US/text/shared/guide/csv_params.html):
#   import CSV:  44,34,76,1,<column types>,ja-JP[,quoted as text,detect special numbers]
#                separator comma, quote ", UTF-8 (76), from line 1; type 2 is text
#                (keeps 00123), 1 standard (detects numbers, and dates when asked)
#   export CSV:  44,34,<charset>,1,,0,false  charset 60 is CP932 (MS_932), 76 UTF-8;
#                false: quote only the cells that need it, as Excel does
#   export text: 9,34,65535,1,,0,false       TAB, UTF-16 LE with a BOM (65535): Excel's 「Unicode テキスト」
set -eu
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/out"

lo() { soffice "-env:UserInstallation=file://$work/profile" --headless "$@" >/dev/null 2>&1; }

text="1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2" # every column as text, as a careful HR clerk imports
csv_as_text="CSV:44,34,76,1,$text,ja-JP"
csv_detect="CSV:44,34,76,1,1/2,ja-JP,false,true" # numbers and dates detected, but the employee number kept as text
csv_excel="CSV:44,34,76,1,,ja-JP,false,true"     # as Excel opens a CSV by double-click: 00123 becomes 123

# convert SOURCE IMPORT-FILTER EXPORT-FILTER TARGET
convert() {
	rm -f "$work/out/"*
	lo --infilter="$2" --convert-to "$3" --outdir "$work/out" "$1"
	mv "$work/out/"* "testdata/$4"
}

# hr_cp932.csv: a list an HR department keeps and exports as Excel's
# default 「CSV (コンマ区切り)」, CP932: 髙 and 﨑 as Windows writes them, ㈱,
# half-width katakana; ages as decades, career themes and addresses, a
# column of the HR system's own (所属), and one bad row (30代).
cat >"$work/hr_cp932.csv" <<'EOF'
社員番号,氏名,フリガナ,年代,所属,キャリアテーマ,メールアドレス
00123,髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,50代,営業部,セカンドキャリア、学び直し,takahashi.ichiro@example.co.jp
00124,山﨑 花子,ヤマザキ ハナコ,40代,人事部,介護との両立,yamazaki.hanako@example.co.jp
00125,渡邊 恵子,ワタナベ ケイコ,60代,経理部,副業・兼業、地域貢献,watanabe.keiko@example.co.jp
00126,斎藤 健,サイトウ ケン,50代,㈱クロス出向,健康・資格取得,saito.ken@example.co.jp
00127,森 茂,モリ シゲル,30代,製造部,起業,mori.shigeru@example.co.jp
00128,小野 誠,オノ マコト,50代,総務部,"転職,海外経験",
00129,後藤 浩,ゴトウ ヒロシ,60代,品質保証部,,goto.hiroshi@example.co.jp
EOF
convert "$work/hr_cp932.csv" "$csv_as_text" "csv:Text - txt - csv (StarCalc):44,34,60,1,,0,false" hr_cp932.csv

# ages.xlsx: every way a list gives an age, typed into Calc: numbers (52)
# and dates (1968/4/1, 1968-04-01) become number cells, the rest stays
# text; three rows are outside the programme's ages.
cat >"$work/ages.csv" <<'EOF'
社員番号,氏名,ふりがな,年齢
1001,青木 一郎,あおき いちろう,52
1002,石井 二郎,いしい じろう,58歳
1003,上田 三保,うえだ みほ,40代
1004,江口 四郎,えぐち しろう,50代
1005,大野 五月,おおの さつき,60代
1006,加藤 六郎,かとう ろくろう,1968/4/1
1007,木下 七海,きのした ななみ,1968-04-01
1008,工藤 八郎,くどう はちろう,昭和43年4月1日
1009,小池 九美,こいけ くみ,55〜59歳
1010,佐々木 十郎,ささき じゅうろう,30代
1011,清水 一美,しみず かずみ,38
1012,鈴木 二葉,すずき ふたば,1996/4/1
EOF
convert "$work/ages.csv" "$csv_detect" xlsx ages.xlsx

# birthdates.xlsx: birth dates (生年月日) instead of ages, the column typed
# 「日付 (年月日)」 in the import dialog: date cells shown mm/dd/yy (the
# text 04/01/68 tells the year only by the cell's day number), a day
# number (24929) in a cell of its own, an era date as text, and two bad
# rows (30 February; a person of 30).
cat >"$work/birthdates.csv" <<'EOF'
社員番号,氏名,フリガナ,生年月日
2001,田村 一郎,タムラ イチロウ,1968/4/1
2002,中川 二郎,ナカガワ ジロウ,1975/12/8
2003,西田 三郎,ニシダ サブロウ,24929
2004,野口 四郎,ノグチ シロウ,19610401
2005,橋本 五郎,ハシモト ゴロウ,昭和48年7月7日
2006,原田 六郎,ハラダ ロクロウ,1968/2/30
2007,平野 七郎,ヒラノ シチロウ,1996/4/1
EOF
convert "$work/birthdates.csv" "CSV:44,34,76,1,1/2/4/5,ja-JP" xlsx birthdates.xlsx

# name_split.xlsx: a header of two rows as Excel makes it, 氏名 merged
# across 姓 and 名, フリガナ across セイ and メイ, the other headings merged
# down both rows; name_split.csv is the same workbook saved as CSV.
cat >"$work/name_split.fods" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:body><office:spreadsheet><table:table table:name="参加者">
  <table:table-row>
   <table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>社員番号</text:p></table:table-cell>
   <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>氏名</text:p></table:table-cell>
   <table:covered-table-cell/>
   <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>フリガナ</text:p></table:table-cell>
   <table:covered-table-cell/>
   <table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>年代</text:p></table:table-cell>
   <table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>プログラム</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:covered-table-cell/>
   <table:table-cell office:value-type="string"><text:p>姓</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>名</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>セイ</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>メイ</text:p></table:table-cell>
   <table:covered-table-cell/>
   <table:covered-table-cell/>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>00201</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>田中</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>誠</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>タナカ</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>マコト</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>50代</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>2026年度 第1期</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>00202</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>佐藤</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>健一</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>さとう</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>けんいち</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>55-59</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>2026年度 第1期</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>00203</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>李</text:p></table:table-cell>
   <table:table-cell/>
   <table:table-cell office:value-type="string"><text:p>リ</text:p></table:table-cell>
   <table:table-cell/>
   <table:table-cell office:value-type="string"><text:p>45-49</text:p></table:table-cell>
   <table:table-cell/>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>00204</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>鈴木</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>浩</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>スズキ</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>Hiroshi</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>60代</text:p></table:table-cell>
   <table:table-cell/>
  </table:table-row>
 </table:table></office:spreadsheet></office:body>
</office:document>
EOF
rm -f "$work/out/"*
lo --convert-to xlsx --outdir "$work/out" "$work/name_split.fods"
mv "$work/out/name_split.xlsx" testdata/name_split.xlsx
lo --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false" --outdir "$work/out" testdata/name_split.xlsx
mv "$work/out/name_split.csv" testdata/name_split.csv

# name_columns.csv: the name and its reading in separate columns of one
# header row (姓, 名, 姓（ふりがな）, 名（ふりがな）), CP932.
cat >"$work/name_columns.csv" <<'EOF'
社員番号,姓,名,姓（ふりがな）,名（ふりがな）,年代
3001,松本,直樹,まつもと,なおき,50代
3002,井上,秀樹,いのうえ,ひでき,45-49
3003,木村,明,キムラ,アキラ,60代
EOF
convert "$work/name_columns.csv" "$csv_as_text" "csv:Text - txt - csv (StarCalc):44,34,60,1,,0,false" name_columns.csv

# no_header.csv: column D holds departments under no heading.
cat >"$work/no_header.csv" <<'EOF'
社員番号,氏名,フリガナ,,年代
4001,岡田 健,オカダ ケン,営業部,50代
4002,福田 聡,フクダ サトシ,,45-49
4003,藤井 恵,フジイ メグミ,経理部,60代
EOF
convert "$work/no_header.csv" "$csv_as_text" "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false" no_header.csv

# padded.csv and lost_zeros.xlsx: a list whose employee numbers are
# zero-padded, and the same list opened as Excel opens a CSV by
# double-click and saved as a workbook: 00301 is now the number 301.
cat >"$work/padded.csv" <<'EOF'
社員番号,氏名,フリガナ,年代,キャリアテーマ,メールアドレス
00301,前田 一郎,マエダ イチロウ,50代,セカンドキャリア,maeda.ichiro@example.co.jp
00302,村上 二郎,ムラカミ ジロウ,55-59,学び直し・起業,murakami.jiro@example.co.jp
00303,山口 三郎,ヤマグチ サブロウ,60代,,
00304,吉川 四郎,ヨシカワ シロウ,45-49,健康,yoshikawa.shiro@example.co.jp
04305,和田 五郎,ワダ ゴロウ,50代,,wada.goro@example.co.jp
EOF
convert "$work/padded.csv" "$csv_as_text" "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false" padded.csv
convert testdata/padded.csv "$csv_excel" xlsx lost_zeros.xlsx

# unicode.txt: Excel's 「Unicode テキスト」: UTF-16 LE with a BOM, TAB
# between the cells, saved as .txt.
cat >"$work/unicode.csv" <<'EOF'
社員番号,氏名,ふりがな,年代,職種,キャリアテーマ
5001,近藤 一郎,こんどう いちろう,50代,営業,セカンドキャリア、後進育成
5002,坂本 直樹,さかもと なおき,60-65,研究開発,定年後の働き方
5003,石田 陽子,いしだ ようこ,40代,人事,
EOF
convert "$work/unicode.csv" "$csv_as_text" "txt:Text - txt - csv (StarCalc):9,34,65535,1,,0,false" unicode.txt

# title_rows.xlsx: two title rows above the header on row 3, which has
# no age column.
cat >"$work/title_rows.csv" <<'EOF'
2026年度 クロストーク参加者名簿,,,
人事部 作成,,,
社員番号,氏名,ふりがな,職種
6001,中島 修,なかじま おさむ,企画
6002,原 直子,はら なおこ,広報
EOF
convert "$work/title_rows.csv" "$csv_as_text" xlsx title_rows.xlsx

# header_only.csv: the header and no person; empty.csv: a sheet with
# nothing in it, saved as CSV.
printf '社員番号,氏名,フリガナ,年代\n' >"$work/header_only.csv"
convert "$work/header_only.csv" "$csv_as_text" "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false" header_only.csv
cat >"$work/empty.fods" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row><table:table-cell/></table:table-row></table:table></office:spreadsheet></office:body>
</office:document>
EOF
rm -f "$work/out/"*
lo --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false" --outdir "$work/out" "$work/empty.fods"
mv "$work/out/empty.csv" testdata/empty.csv
