#include "ui/text_wrap.h"

#include <wx/stattext.h>
#include <wx/tokenzr.h>
#include <wx/window.h>

#include <vector>

namespace ankylos::ui {

namespace {

/// Characters after which a line may break, and before which too: CJK ideographs, kana, hangul,
/// and the full-width forms and punctuation of CJK text.
bool breaksAround(wxUniChar c) {
    const auto code = c.GetValue();
    return (code >= 0x2E80 && code <= 0x9FFF) || (code >= 0xAC00 && code <= 0xD7AF) ||
           (code >= 0xF900 && code <= 0xFAFF) || (code >= 0xFE30 && code <= 0xFE4F) ||
           (code >= 0xFF00 && code <= 0xFFEF);
}

/// Punctuation that must not begin a line: it stays with the character before it.
bool closesText(wxUniChar c) {
    static const wxString closing = wxString::FromUTF8("，。、；：！？）》」』】”’…%,.;:!?)]");
    return closing.Find(c) != wxNOT_FOUND;
}

/// Punctuation that must not end a line: it goes with the character after it.
bool opensText(wxUniChar c) {
    static const wxString opening = wxString::FromUTF8("（《「『【“‘([");
    return opening.Find(c) != wxNOT_FOUND;
}

/// The paragraph cut into the pieces a line may break between: words (with the spaces after them),
/// single CJK characters, each with the punctuation that sticks to it.
std::vector<wxString> breakableUnits(const wxString& paragraph) {
    std::vector<wxString> units;
    wxString unit;
    const auto flush = [&] {
        if (!unit.empty())
            units.push_back(unit);
        unit.clear();
    };
    for (auto it = paragraph.begin(); it != paragraph.end(); ++it) {
        const wxUniChar c = *it;
        const bool unitOpensOnly = !unit.empty() && opensText(unit.Last());
        if (closesText(c) || unitOpensOnly) {
            unit += c;
        } else if (c == ' ') {
            unit += c;
            const auto next = it + 1;
            if (next == paragraph.end() || *next != ' ')
                flush();
        } else if (breaksAround(c)) {
            flush();
            unit += c;
        } else {
            if (!unit.empty() && breaksAround(unit.Last()))
                flush();
            unit += c;
        }
    }
    flush();
    return units;
}

wxString wrappedParagraph(const wxWindow& window, const wxString& paragraph, int width) {
    wxString result;
    wxString line;
    for (const wxString& unit : breakableUnits(paragraph)) {
        const wxString candidate = line + unit;
        if (!line.empty() && window.GetTextExtent(wxString(candidate).Trim()).x > width) {
            result += wxString(line).Trim() + "\n";
            line = unit;
        } else {
            line = candidate;
        }
    }
    return result + line.Trim();
}

}  // namespace

wxString wrappedText(const wxWindow& window, const wxString& text, int width) {
    if (width <= 0)
        return text;
    wxString result;
    wxStringTokenizer paragraphs(text, "\n", wxTOKEN_RET_EMPTY_ALL);
    while (paragraphs.HasMoreTokens()) {
        const wxString paragraph = paragraphs.GetNextToken();
        result += wrappedParagraph(window, paragraph, width);
        if (paragraphs.HasMoreTokens())
            result += "\n";
    }
    return result;
}

void wrapLabel(wxStaticText* label, int width) {
    label->SetLabel(wrappedText(*label, label->GetLabel(), width));
}

}  // namespace ankylos::ui
