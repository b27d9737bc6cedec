// RFC 4180 records: quoted fields, physical line numbers, and the fields that break the rules.
#include "interchange/csv_records.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ankylos::interchange {
namespace {

struct Record {
    std::vector<std::string> fields;
    int line = 0;
};

std::vector<Record> readAll(std::string_view text, std::vector<CsvFieldIssue>& issues, bool& fatal) {
    CsvRecordReader reader(text);
    std::vector<Record> records;
    Record record;
    while (reader.next(record.fields, record.line, issues, fatal)) {
        records.push_back(record);
        if (fatal)
            break;
    }
    return records;
}

TEST(CsvRecords, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
    std::vector<CsvFieldIssue> issues;
    bool fatal = false;
    const auto records = readAll("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\ny", issues, fatal);
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
    EXPECT_EQ(records[0].line, 1);
    EXPECT_EQ(records[1].fields, (std::vector<std::string>{"two\nlines", "", "x"}));
    EXPECT_EQ(records[1].line, 2);
    EXPECT_EQ(records[2].fields, std::vector<std::string>{"y"});
    EXPECT_EQ(records[2].line, 4);  // the quoted line break counts as a physical line
    EXPECT_TRUE(issues.empty());
    EXPECT_FALSE(fatal);
}

TEST(CsvRecords, CrlfLfAndALoneCrEachEndARecord) {
    std::vector<CsvFieldIssue> issues;
    bool fatal = false;
    const auto records = readAll("a\r\nb\nc\rd", issues, fatal);
    ASSERT_EQ(records.size(), 4u);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(records[i].fields, std::vector<std::string>{std::string(1, static_cast<char>('a' + i))});
        EXPECT_EQ(records[i].line, i + 1);
    }
}

TEST(CsvRecords, StrayQuotesAreIssuesAndReadingGoesOn) {
    std::vector<CsvFieldIssue> issues;
    bool fatal = false;
    const auto records = readAll("ab\"c,\"d\"e,f\ng\n", issues, fatal);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].fields, (std::vector<std::string>{"ab\"c", "de", "f"}));
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].field, 0u);
    EXPECT_NE(issues[0].rule.find("a quote inside a field that does not start with a quote"),
              std::string::npos);
    EXPECT_EQ(issues[1].field, 1u);
    EXPECT_EQ(issues[1].value, "de");
    EXPECT_NE(issues[1].rule.find("text after the closing quote"), std::string::npos);
    EXPECT_FALSE(fatal);
}

TEST(CsvRecords, AnUnclosedQuoteEndsTheDataWithTheStartOfItsField) {
    std::vector<CsvFieldIssue> issues;
    bool fatal = false;
    const auto records =
        readAll("a,b\nc,\"an unclosed field that runs on past forty bytes\nand on", issues, fatal);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_TRUE(fatal);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].line, 2);
    EXPECT_EQ(issues[0].field, 1u);
    EXPECT_EQ(issues[0].value, "an unclosed field that runs on past fort...");
    EXPECT_NE(issues[0].rule.find("a quoted field is not closed"), std::string::npos);
}

}  // namespace
}  // namespace ankylos::interchange
