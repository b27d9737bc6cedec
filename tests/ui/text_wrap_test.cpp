// Wrapping labels to a width: Chinese breaks between characters (never before closing punctuation),
// English at spaces only, numbers and dates stay whole, line breaks already there are kept.
#include "ui/text_wrap.h"

#include <gtest/gtest.h>
#include <wx/frame.h>
#include <wx/stattext.h>
#include <wx/tokenzr.h>

#include <memory>

#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

class TextWrapTest : public ::testing::Test {
protected:
    TextWrapTest() : m_frame(new wxFrame(nullptr, wxID_ANY, "wrap")) {
        m_label = new wxStaticText(m_frame, wxID_ANY, wxString());
    }
    ~TextWrapTest() override { m_frame->Destroy(); }

    wxArrayString lines(const wxString& text, int width) {
        return wxStringTokenize(wrappedText(*m_label, text, width), "\n", wxTOKEN_RET_EMPTY_ALL);
    }
    int widthOf(const wxString& text) { return m_label->GetTextExtent(text).x; }

    wxFrame* m_frame;
    wxStaticText* m_label;
};

const wxString kChinese = wxString::FromUTF8(
    "同一密钥在每次导出中给出相同的研究编号和日期平移；请妥善保管，并与导出文件分开保存。还没有密钥？"
    "“创建项目密钥...”可为每个项目创建一次。");

TEST_F(TextWrapTest, ChineseBreaksBetweenCharactersWithinTheWidth) {
    const int width = widthOf(kChinese) / 3;
    const wxArrayString wrapped = lines(kChinese, width);
    ASSERT_GE(wrapped.size(), 3u);
    wxString joined;
    for (const wxString& line : wrapped) {
        EXPECT_LE(widthOf(line), width) << line.utf8_str();
        joined += line;
    }
    EXPECT_EQ(joined, kChinese) << "no character lost or added";
}

TEST_F(TextWrapTest, NoChineseLineBeginsWithClosingPunctuation) {
    const wxString closing = wxString::FromUTF8("，。；？”");
    for (int width = widthOf(wxString::FromUTF8("同一密钥")); width < widthOf(kChinese); width += 7)
        for (const wxString& line : lines(kChinese, width))
            ASSERT_EQ(closing.Find(line[0]), wxNOT_FOUND) << width << ": " << line.utf8_str();
}

TEST_F(TextWrapTest, EnglishBreaksAtSpacesAndKeepsNumbersAndDatesWhole) {
    const wxString text =
        "BASDAI 2.5 on 2026-01-01, ASDAS-CRP 3.1 (high disease activity) since the last visit";
    for (int width = widthOf("ASDAS-CRP"); width < widthOf(text); width += 5) {
        const wxArrayString wrapped = lines(text, width);
        EXPECT_EQ(wxJoin(wrapped, ' ', 0), text) << width;
        for (const wxString& line : wrapped) {
            if (line.Find(' ') != wxNOT_FOUND) {  // a single word wider than that has a line of its own
                EXPECT_LE(widthOf(line), width) << line;
            }
        }
    }
}

TEST_F(TextWrapTest, KeepsLineBreaksAndLeavesTextAloneWithoutAWidth) {
    const wxString text = wxString::FromUTF8("第一行\n\n第三行");
    EXPECT_EQ(wrappedText(*m_label, text, 1000), text);
    EXPECT_EQ(wrappedText(*m_label, kChinese, 0), kChinese);
    m_label->SetLabel(kChinese);
    wrapLabel(m_label, widthOf(kChinese) / 2);
    EXPECT_NE(m_label->GetLabel().Find('\n'), wxNOT_FOUND);
}

}  // namespace
}  // namespace ankylos::ui::test
