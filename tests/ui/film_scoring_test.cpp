// Film scoring: typed grades move through the sites in spec order; events against this reader's
// previous film, the bridging check and "not computable" come from core as the grades are typed.
#include "ui/film_scoring.h"

#include <gtest/gtest.h>
#include <wx/combobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/format.h"
#include "core/site_events.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

FilmScoringContext context() {
    FilmScoringContext c;
    c.patient.clinicId = "F-1";
    c.patient.name = "Film Patient";
    c.patient.birth = date(1975, 5, 5);
    c.filmDate = date(2023, 1, 10);
    core::Reading lee = core::parseReading("0,0,0,0,0,0,0,0,0,0,0,0,1,1,0,0,0,0,0,0,0,0,0,0", "Dr Lee");
    core::Reading park = core::parseReading("3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3", "Dr Park");
    c.films = {core::Film{date(2019, 1, 1), {park}}, core::Film{date(2021, 1, 5), {lee}},
               core::Film{date(2023, 1, 10), {}}};
    c.knownReaders = {"Dr Lee", "Dr Park"};
    return c;
}

wxString labelOf(wxWindow& dialog, const char* name) {
    return XRCCTRL(dialog, name, wxStaticText)->GetLabel();
}

/// Sends one character to the diagram as typing does (for tests that need no real keyboard).
void press(FilmScoringDialog& dialog, int key) {
    wxKeyEvent event(wxEVT_CHAR);
    event.m_keyCode = key;
    event.m_uniChar = key;
    event.SetEventObject(dialog.spineDiagram());
    dialog.spineDiagram()->GetEventHandler()->ProcessEvent(event);
}

void pressAll(FilmScoringDialog& dialog, const char* keys) {
    for (; *keys; ++keys)
        press(dialog, *keys);
}

}  // namespace

TEST(FilmScoring, TypedGradesMoveThroughTheSitesAndEventsShowAgainstThePreviousFilm) {
    FilmScoringDialog dialog(nullptr, context(), [](const core::Reading&) {});
    core::Reading reading;
    reading.reader = "Dr Lee";
    dialog.TransferTo(reading);
    dialog.Show();
    pumpEvents(200);
    pressAll(dialog, "0200");  // C2_inf 0, C3_sup 2 (was 0: new syndesmophyte), ...
    EXPECT_EQ(dialog.cursor(), 4);
    ASSERT_TRUE(dialog.current().at(core::Site::C3_sup));
    EXPECT_EQ(dialog.current().at(core::Site::C3_sup)->grade(), 2);
    // Dr Lee's previous film is 2021-01-05 (Dr Park's 2019 film is another reader's).
    EXPECT_NE(labelOf(dialog, "previous_label").Find("2021-01-05"), wxNOT_FOUND)
        << labelOf(dialog, "previous_label");
    EXPECT_NE(labelOf(dialog, "events_label").Find("New syndesmophytes: 1"), wxNOT_FOUND)
        << labelOf(dialog, "events_label");
    // A 3 facing a 0 across a disc space (C3_inf / C4_sup) is flagged by core's bridging check.
    press(dialog, WXK_HOME);
    press(dialog, WXK_RIGHT);
    press(dialog, WXK_RIGHT);
    press(dialog, '3');
    EXPECT_NE(labelOf(dialog, "bridging_label").Find("C3_inf"), wxNOT_FOUND)
        << labelOf(dialog, "bridging_label");
    // Lumbar: T12_inf was 1, now 0: a regression.
    while (dialog.cursor() < 12)
        press(dialog, WXK_RIGHT);
    press(dialog, '0');
    EXPECT_NE(labelOf(dialog, "events_label").Find("Regressions: 1"), wxNOT_FOUND)
        << labelOf(dialog, "events_label");
}

TEST(FilmScoring, NotAssessableTakesAReasonAndFourInASegmentAreNotComputable) {
    FilmScoringDialog dialog(nullptr, context(), [](const core::Reading&) {});
    core::Reading reading;
    reading.reader = "Dr Kim";
    dialog.TransferTo(reading);
    EXPECT_NE(labelOf(dialog, "previous_label").Find("not read an earlier film"), wxNOT_FOUND);
    pressAll(dialog, "000000000000");  // cervical all 0
    pressAll(dialog, "n1n2n3");        // three lumbar sites not assessable: imputed
    ASSERT_TRUE(dialog.current().at(core::Site::T12_inf));
    EXPECT_EQ(dialog.current().at(core::Site::T12_inf)->reason(), core::NotAssessableReason::NotVisible);
    EXPECT_EQ(dialog.current().at(core::Site::L1_sup)->reason(), core::NotAssessableReason::NotImaged);
    EXPECT_EQ(dialog.current().at(core::Site::L1_inf)->reason(), core::NotAssessableReason::SurgeryHardware);
    pressAll(dialog, "111111111");
    const core::MsasssScore imputed = core::scoreReading(dialog.current(), {});
    ASSERT_TRUE(imputed.total);
    EXPECT_NE(labelOf(dialog, "score_lumbar").Find("3 sites imputed"), wxNOT_FOUND)
        << labelOf(dialog, "score_lumbar");
    EXPECT_EQ(labelOf(dialog, "score_total"), core::formatFixed(*imputed.total, 1));
    // A fourth not-assessable lumbar site: core says not computable, and why.
    press(dialog, WXK_END);
    pressAll(dialog, "n4");
    EXPECT_NE(labelOf(dialog, "score_total").Find("not computable"), wxNOT_FOUND)
        << labelOf(dialog, "score_total");
    EXPECT_NE(labelOf(dialog, "score_lumbar").Find("4 of 12"), wxNOT_FOUND)
        << labelOf(dialog, "score_lumbar");
}

TEST(FilmScoring, MissingReaderAndIncompleteReadingAreRefusedOrConfirmed) {
    std::optional<core::Reading> saved;
    FilmScoringDialog dialog(nullptr, context(), [&](const core::Reading& r) { saved = r; });
    dialog.TransferTo(core::Reading{});
    pressAll(dialog, "0000");
    EXPECT_FALSE(dialog.trySave());
    EXPECT_NE(labelOf(dialog, "top_message").Find("reader"), wxNOT_FOUND);
    XRCCTRL(dialog, "reader", wxComboBox)->SetValue("Dr Park");
    DialogResponder responder;
    responder.thenReturn(wxID_NO).thenReturn(wxID_YES);
    EXPECT_FALSE(dialog.trySave()) << "20 sites not scored: asks first";
    EXPECT_FALSE(saved.has_value());
    EXPECT_NE(responder.seen()[0].find("20 of 24"), std::string::npos) << responder.seen()[0];
    EXPECT_EQ(dialog.cursor(), 4) << "back at the first site not scored";
    EXPECT_TRUE(dialog.trySave());
    ASSERT_TRUE(saved.has_value());
    EXPECT_EQ(saved->reader, "Dr Park");
    EXPECT_FALSE(saved->at(core::Site::C4_inf).has_value());
}

TEST(FilmScoring, ScoreFilmReturnsTheSavedReading) {
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        auto& scoring = dynamic_cast<FilmScoringDialog&>(dialog);
        pressAll(scoring, "000000000000111111111111");
        return scoring.trySave() ? wxID_OK : wxID_CANCEL;
    });
    core::Reading reading;
    reading.reader = "Dr Lee";
    int saves = 0;
    ASSERT_TRUE(scoreFilm(nullptr, context(), reading, [&](const core::Reading&) { ++saves; }));
    EXPECT_EQ(saves, 1);
    EXPECT_EQ(reading.at(core::Site::S1_sup)->grade(), 1);
}

}  // namespace ankylos::ui::test
