// core/csv_text.h: formula neutralisation of CSV cells (issue 11, item 8) and its exact undoing.
#include "core/csv_text.h"

#include <gtest/gtest.h>

#include <random>

namespace ankylos::core {
namespace {

std::string written(const std::string& text) {
    std::string line;
    appendCsvText(line, text);
    return line;
}

TEST(CsvText, CellsASpreadsheetWouldRunGetALeadingApostrophe) {
    const std::pair<std::string, std::string> cases[] = {
        {"=1+1", "'=1+1"},
        {"+33 1 23", "'+33 1 23"},
        {"-dizzy", "'-dizzy"},
        {"@SUM(A1)", "'@SUM(A1)"},
        {"\tindented", "'\tindented"},
        {"\rline", "\"'\rline\""},
        {"'quoted", "''quoted"},  // the escape itself, so that reading can undo exactly one '
        {"=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""},
        {"-8 to 8", "'-8 to 8"},
        {"-", "'-"},
        {"-1.", "'-1."},
        {"-inf", "'-inf"},
        {"+5", "'+5"},
        // Numbers stay numbers; text that a spreadsheet does not run stays as it is.
        {"-1.2", "-1.2"},
        {"-3e-05", "-3e-05"},
        {"-12", "-12"},
        {"1=1", "1=1"},
        {"a, b", "\"a, b\""},
        {"", ""},
        {"王芳", "王芳"},
    };
    for (const auto& [text, cell] : cases)
        EXPECT_EQ(written(text), cell) << text;
}

TEST(CsvText, RecordSeparatesItsCellsAndEndsWithCrlf) {
    std::string line = "before|";
    appendCsvRecord(line, {"a", "", "b,c", "=x", "王芳"});
    EXPECT_EQ(line, "before|a,,\"b,c\",'=x,王芳\r\n");
    std::string empty;
    appendCsvRecord(empty, {});
    EXPECT_EQ(empty, "\r\n");
}

TEST(CsvText, NumberRuleIsExact) {
    for (const char* number : {"0", "-0", "-1.25", "12", "1e5", "-1E+05", "-2.5e-3"})
        EXPECT_TRUE(isCsvNumber(number)) << number;
    for (const char* text :
         {"", "-", "--1", "-.5", "-1.", "1.2.3", "-1e", "-1e+", "+1", "-1,2", "- 1", "-1 ", "-nan"})
        EXPECT_FALSE(isCsvNumber(text)) << text;
}

TEST(CsvText, UnescapingGivesBackEveryTextWritten) {
    // The cell as read (after RFC 4180 unquoting) is the written cell without its quotes.
    const auto unquoted = [](std::string cell) {
        if (!cell.empty() && cell.front() == '"') {
            cell = cell.substr(1, cell.size() - 2);
            std::string out;
            for (std::size_t i = 0; i < cell.size(); ++i) {
                out += cell[i];
                if (cell[i] == '"')
                    ++i;
            }
            return out;
        }
        return cell;
    };
    std::mt19937 random(11);
    const std::string alphabet = "'=+-@\t\r\n\",.0123456789eE aZ";
    for (int n = 0; n < 5000; ++n) {
        std::string text;
        for (int length = static_cast<int>(random() % 6); length > 0; --length)
            text += alphabet[random() % alphabet.size()];
        EXPECT_EQ(unescapeCsvText(unquoted(written(text))), text) << text;
    }
}

}  // namespace
}  // namespace ankylos::core
