// CTSS scoring (docs/methods.md 12): typed grades move through the 184 quadrants in the order of
// section 12; N takes a reason; the segment and total scores shown are core's; the events against
// this reader's previous scan stay hidden until the reader asks to see them.
#include "ui/ctss_scoring.h"

#include <gtest/gtest.h>
#include <wx/checkbox.h>
#include <wx/combobox.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include <string>

#include "core/format.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

/// 184 comma-separated grades: `grade` everywhere, `other` at the quadrants listed.
std::string grades(const char* grade, const std::vector<int>& at = {}, const char* other = "0") {
    std::string text;
    for (int q = 0; q < core::kQuadrantCount; ++q)
        text += std::string(q ? "," : "") + (std::find(at.begin(), at.end(), q) != at.end() ? other : grade);
    return text;
}

CtssScoringContext context() {
    CtssScoringContext c;
    c.patient.clinicId = "CT-1";
    c.patient.name = "Scan Patient";
    c.patient.birth = date(1975, 5, 5);
    c.scan.date = date(2024, 2, 1);
    c.scan.device = "Somatom Force";
    // Dr Lee read the 2022 scan (T7_inf_ant, quadrant 96, 1; the rest 0); Dr Park read a 2020 one.
    const core::CtssReading lee = core::parseCtssReading(grades("0", {96}, "1"), "Dr Lee");
    const core::CtssReading park = core::parseCtssReading(grades("3"), "Dr Park");
    c.scans = {core::CtScan{date(2020, 1, 1), "old", true, {park}},
               core::CtScan{date(2022, 1, 20), "Somatom Force", true, {lee}}, c.scan};
    c.readers = {"Dr Lee", "Dr Park"};
    return c;
}

/// The label's text as one line (labels are wrapped to the dialog's width).
wxString labelOf(wxWindow& dialog, const char* name) {
    wxString text = XRCCTRL(dialog, name, wxStaticText)->GetLabel();
    text.Replace("\n", " ");
    return text;
}

/// Sends one key to the grid as typing does.
void press(CtssScoringDialog& dialog, int key) {
    wxKeyEvent event(wxEVT_CHAR);
    event.m_keyCode = key;
    event.m_uniChar = key < WXK_START ? key : 0;
    event.SetEventObject(dialog.grid());
    dialog.grid()->GetEventHandler()->ProcessEvent(event);
}

void pressAll(CtssScoringDialog& dialog, const std::string& keys) {
    for (char key : keys)
        press(dialog, key);
}

wxCheckBox* checkBox(wxWindow& dialog, const char* name) {
    return XRCCTRL(dialog, name, wxCheckBox);
}

/// Toggles a check box as a click does (the value changes, then the event).
void click(wxWindow& dialog, const char* name) {
    wxCheckBox* box = checkBox(dialog, name);
    box->SetValue(!box->GetValue());
    wxCommandEvent event(wxEVT_CHECKBOX, box->GetId());
    event.SetEventObject(box);
    event.SetInt(box->GetValue() ? 1 : 0);
    box->GetEventHandler()->ProcessEvent(event);
    pumpEvents(20);
}

core::CtssReading readingBy(const char* reader) {
    core::CtssReading reading;
    reading.reader = reader;
    reading.readingDate = date(2024, 2, 5);
    return reading;
}

}  // namespace

TEST(CtssScoring, TypedGradesMoveThroughTheQuadrantsInSectionTwelveOrder) {
    CtssScoringDialog dialog(nullptr, context(), [](const core::CtssReading&) {});
    dialog.TransferTo(readingBy("Dr Kim"));
    pressAll(dialog, "01230123");  // C2/C3: C2_inf ant, post, left, right, then C3_sup ant...
    EXPECT_EQ(dialog.cursor(), 8) << "on to C3/C4";
    const auto grade = [&](const char* id) {
        const auto& score = dialog.current().at(*core::quadrantFromId(id));
        return score && score->assessable() ? score->grade() : -1;
    };
    EXPECT_EQ(grade("C2_inf_ant"), 0);
    EXPECT_EQ(grade("C2_inf_post"), 1);
    EXPECT_EQ(grade("C2_inf_left"), 2);
    EXPECT_EQ(grade("C2_inf_right"), 3);
    EXPECT_EQ(grade("C3_sup_right"), 3);
    EXPECT_FALSE(dialog.current().at(*core::quadrantFromId("C3_inf_ant")).has_value());
    EXPECT_NE(labelOf(dialog, "quadrant_label").Find("C3_inf_ant"), wxNOT_FOUND)
        << labelOf(dialog, "quadrant_label");
    // Moving: down and up keep the side, Page Down / Up go by vertebral unit, Home / End to the ends.
    press(dialog, WXK_RIGHT);
    press(dialog, WXK_DOWN);
    EXPECT_EQ(dialog.cursor(), 17);
    press(dialog, WXK_UP);
    EXPECT_EQ(dialog.cursor(), 9);
    press(dialog, WXK_PAGEDOWN);
    EXPECT_EQ(dialog.cursor(), 16) << "first quadrant of C4/C5";
    press(dialog, WXK_PAGEUP);
    press(dialog, WXK_PAGEUP);
    EXPECT_EQ(dialog.cursor(), 0);
    press(dialog, WXK_END);
    EXPECT_EQ(dialog.cursor(), 183);
    EXPECT_NE(labelOf(dialog, "quadrant_label").Find("S1_sup_right"), wxNOT_FOUND);
    press(dialog, WXK_HOME);
    // Delete clears the current quadrant; Backspace on an empty one steps back and clears that.
    press(dialog, WXK_DELETE);
    EXPECT_FALSE(dialog.current().at(core::Quadrant(0)).has_value());
    press(dialog, WXK_PAGEDOWN);
    press(dialog, WXK_BACK);
    EXPECT_EQ(dialog.cursor(), 7);
    EXPECT_FALSE(dialog.current().at(core::Quadrant(7)).has_value());
}

TEST(CtssScoring, NotAssessableTakesAReasonAndTheScoresShownAreCores) {
    CtssScoringDialog dialog(nullptr, context(), [](const core::CtssReading&) {});
    dialog.TransferTo(readingBy("Dr Kim"));
    pressAll(dialog, "n2");  // C2_inf_ant not imaged
    ASSERT_TRUE(dialog.current().at(core::Quadrant(0)));
    EXPECT_EQ(dialog.current().at(core::Quadrant(0))->reason(), core::NotAssessableReason::NotImaged);
    EXPECT_EQ(dialog.cursor(), 1);
    press(dialog, 'n');
    EXPECT_NE(labelOf(dialog, "quadrant_label").Find("press the reason"), wxNOT_FOUND);
    press(dialog, WXK_RETURN);  // Enter: not visible
    EXPECT_EQ(dialog.current().at(core::Quadrant(1))->reason(), core::NotAssessableReason::NotVisible);
    // The rest of the cervical segment 1, ten more not assessable (12 of 48 may be imputed).
    pressAll(dialog, std::string(36, '1') + "n1n1n1n1n1n1n1n1n1n1");
    EXPECT_EQ(dialog.cursor(), 48);
    core::CtssScore expected = core::scoreCtssReading(dialog.current(), {});
    ASSERT_TRUE(expected.cervical.value);
    EXPECT_EQ(expected.cervical.imputed, 12);
    EXPECT_TRUE(labelOf(dialog, "score_cervical").StartsWith(core::formatFixed(*expected.cervical.value, 1)))
        << labelOf(dialog, "score_cervical");
    EXPECT_NE(labelOf(dialog, "score_cervical").Find("12 quadrants imputed"), wxNOT_FOUND);
    EXPECT_NE(labelOf(dialog, "score_thoracic").Find("not computable"), wxNOT_FOUND) << "not scored yet";
    EXPECT_EQ(labelOf(dialog, "score_total"), "not computable");
    EXPECT_EQ(XRCCTRL(dialog, "score_total", wxStaticText)->GetToolTipText(),
              wxString::FromUTF8(expected.reason));
    // Thoracic and lumbar all 2: a total, as core computes it.
    pressAll(dialog, std::string(136, '2'));
    expected = core::scoreCtssReading(dialog.current(), {});
    ASSERT_TRUE(expected.total);
    EXPECT_EQ(labelOf(dialog, "score_total"), core::formatFixed(*expected.total, 1));
    EXPECT_EQ(XRCCTRL(dialog, "score_total", wxStaticText)->GetToolTipText(), "");
    // A 13th not-assessable cervical quadrant: core says not computable, and why.
    press(dialog, WXK_HOME);
    pressAll(dialog, "nx");   // x is no reason: the question stays
    press(dialog, WXK_BACK);  // and Backspace leaves it, nothing changed
    EXPECT_EQ(dialog.cursor(), 0);
    EXPECT_EQ(dialog.current().at(core::Quadrant(0))->reason(), core::NotAssessableReason::NotImaged);
    press(dialog, WXK_PAGEDOWN);
    pressAll(dialog, "n4");
    EXPECT_EQ(dialog.current().at(core::Quadrant(8))->reason(), core::NotAssessableReason::Other);
    expected = core::scoreCtssReading(dialog.current(), {});
    EXPECT_FALSE(expected.cervical.value);
    EXPECT_NE(labelOf(dialog, "score_cervical").Find(wxString::FromUTF8(expected.cervical.reason)),
              wxNOT_FOUND)
        << labelOf(dialog, "score_cervical");
    EXPECT_EQ(labelOf(dialog, "score_total"), "not computable");
}

TEST(CtssScoring, PreviousScanEventsStayHiddenUntilAskedAndSeeingThemRecordsTheOrderAsKnown) {
    std::optional<core::CtssReading> saved;
    CtssScoringDialog dialog(nullptr, context(), [&](const core::CtssReading& r) { saved = r; });
    dialog.TransferTo(readingBy("Dr Lee"));
    dialog.Show();
    pumpEvents(100);
    // Type the scan as Dr Lee: T7_inf_ant (96) 1 -> 3 grows, C2_inf_ant 0 -> 1 is new.
    pressAll(dialog, "1" + std::string(95, '0') + "3" + std::string(87, '0'));
    EXPECT_FALSE(checkBox(dialog, "show_previous")->GetValue());
    EXPECT_NE(labelOf(dialog, "previous_label").Find("Blinded"), wxNOT_FOUND)
        << labelOf(dialog, "previous_label");
    EXPECT_NE(labelOf(dialog, "previous_label").Find("2022-01-20"), wxNOT_FOUND);
    EXPECT_EQ(labelOf(dialog, "events_label"), "");
    EXPECT_EQ(labelOf(dialog, "quadrant_label").Find("previous scan"), wxNOT_FOUND);
    EXPECT_FALSE(checkBox(dialog, "chronology_known")->GetValue());
    EXPECT_TRUE(checkBox(dialog, "chronology_known")->IsEnabled());

    click(dialog, "show_previous");
    const core::QuadrantEvents events =
        core::compareCtssReadings(context().scans[1].readings[0], dialog.current());
    EXPECT_TRUE(events[0].newSyndesmophyte);
    EXPECT_TRUE(events[96].growing);
    EXPECT_EQ(labelOf(dialog, "events_label"), "New syndesmophytes: 1   Growing: 1   Regressions: 0");
    EXPECT_TRUE(checkBox(dialog, "chronology_known")->GetValue())
        << "seeing the previous scan is knowing the order";
    EXPECT_FALSE(checkBox(dialog, "chronology_known")->IsEnabled());
    press(dialog, WXK_HOME);
    for (int unit = 0; unit < 12; ++unit)  // down to T7/T8
        press(dialog, WXK_PAGEDOWN);
    EXPECT_NE(labelOf(dialog, "quadrant_label").Find("T7_inf_ant: grade 3; previous scan 1"), wxNOT_FOUND)
        << labelOf(dialog, "quadrant_label");
    saveScreenshot(&dialog, "ctss_scoring_previous_shown");
    click(dialog, "show_previous");  // hiding them again does not undo what the reader saw
    EXPECT_EQ(labelOf(dialog, "events_label"), "");
    EXPECT_TRUE(checkBox(dialog, "chronology_known")->GetValue());
    ASSERT_TRUE(dialog.trySave());
    ASSERT_TRUE(saved);
    EXPECT_TRUE(saved->chronologyKnown);
}

TEST(CtssScoring, TheReaderIsRegisteredAndAnIncompleteReadingIsConfirmed) {
    std::optional<core::CtssReading> saved;
    CtssScoringDialog dialog(nullptr, context(), [&](const core::CtssReading& r) { saved = r; });
    core::CtssReading reading;
    reading.readingDate = date(2024, 2, 5);
    dialog.TransferTo(reading);
    pressAll(dialog, "0000");
    EXPECT_FALSE(dialog.trySave());
    EXPECT_NE(labelOf(dialog, "top_message").Find("reader"), wxNOT_FOUND);
    XRCCTRL(dialog, "reader", wxComboBox)->SetValue("dr park");
    DialogResponder responder;
    responder.thenReturn(wxID_NO).thenReturn(wxID_YES);
    EXPECT_FALSE(dialog.trySave()) << "180 quadrants not scored: asks first";
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find("180 of 184"), std::string::npos) << responder.seen()[0];
    EXPECT_EQ(dialog.cursor(), 4) << "back at the first quadrant not scored";
    EXPECT_TRUE(dialog.trySave());
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->reader, "Dr Park") << "the registered spelling";
    EXPECT_FALSE(saved->chronologyKnown);
}

TEST(CtssScoring, TheGridFitsA1366x768ScreenAndKeepsTheCurrentRowInView) {
    CtssScoringDialog dialog(nullptr, context(), [](const core::CtssReading&) {});
    dialog.TransferTo(readingBy("Dr Lee"));
    dialog.Show();
    pumpWindowEvents(300);
    EXPECT_LE(dialog.GetSize().GetHeight(), 768);
    EXPECT_LE(dialog.GetSize().GetWidth(), 1366);
    saveScreenshot(&dialog, "ctss_scoring_start");
    pressAll(dialog, std::string(180, '0'));  // down to L5/S1
    pumpWindowEvents(100);
    wxScrolledWindow* scroller = dialog.gridScroller();
    const wxRect visible(wxPoint(0, 0), scroller->GetClientSize());
    const wxRect row(dialog.grid()->GetPosition(), wxSize(1, 1));  // the grid's top, scrolled
    const int rowTop = row.GetTop() + 22 * dialog.grid()->FromDIP(24);
    EXPECT_TRUE(visible.Contains(wxPoint(10, rowTop + dialog.grid()->FromDIP(12))))
        << "the L5/S1 row at " << rowTop << " in a view of " << visible.GetHeight();
    saveScreenshot(&dialog, "ctss_scoring_lumbar");
}

}  // namespace ankylos::ui::test

namespace ankylos::ui::test {

TEST(CtssScoring, AClickOnTheGridOrTheSchematicSelectsThatQuadrant) {
    CtssScoringDialog dialog(nullptr, context(), [](const core::CtssReading&) {});
    dialog.TransferTo(readingBy("Dr Kim"));
    dialog.Show();
    pumpWindowEvents(200);
    const auto clickAt = [](wxWindow* view, wxPoint dip) {
        wxMouseEvent event(wxEVT_LEFT_DOWN);
        const wxPoint at = view->FromDIP(dip);
        event.m_x = at.x;
        event.m_y = at.y;
        event.SetEventObject(view);
        view->GetEventHandler()->ProcessEvent(event);
    };
    // Row 3 (C5/C6), the lower vertebra's left quadrant (column 6): the grid's DIP geometry, the
    // middle of the cell (label 64, columns of 40 with a gap of 14 before the fifth; rows of 24).
    clickAt(dialog.grid(), wxPoint(64 + 6 * 40 + 14 + 20, 3 * 24 + 14));
    EXPECT_EQ(dialog.cursor(), 3 * 8 + 6);
    EXPECT_NE(labelOf(dialog, "quadrant_label").Find("C6_sup_left"), wxNOT_FOUND)
        << labelOf(dialog, "quadrant_label");
    // In the sagittal view, the anterior quadrant of the upper vertebra's lower endplate (at the
    // body's right, above the disc) of that same unit.
    clickAt(dialog.schematic(), wxPoint(196 - 30 - 5, 24 + 22 + 48 - 10));
    EXPECT_EQ(dialog.cursor(), 3 * 8);
    EXPECT_NE(labelOf(dialog, "quadrant_label").Find("C5_inf_ant"), wxNOT_FOUND)
        << labelOf(dialog, "quadrant_label");
    // Empty space selects nothing.
    clickAt(dialog.schematic(), wxPoint(98, 2));
    EXPECT_EQ(dialog.cursor(), 3 * 8);
}

}  // namespace ankylos::ui::test
