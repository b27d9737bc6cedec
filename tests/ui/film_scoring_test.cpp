// Film scoring: typed grades move through the sites in spec order; events against this reader's
// previous film, the bridging check and "not computable" come from core as the grades are typed.
#include "ui/film_scoring.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/combobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/xrc/xmlres.h>

#include "core/format.h"
#include "core/site_events.h"
#include "storage/audit.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
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
    c.readers = {"Dr Lee", "Dr Park"};
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

/// Types into the reader field (SetValue sends wxEVT_TEXT, as typing does).
void typeReader(wxWindow& dialog, const char* name) {
    XRCCTRL(dialog, "reader", wxComboBox)->SetValue(wxString::FromUTF8(name));
    pumpEvents(20);
}

}  // namespace

TEST(FilmScoring, TypedGradesMoveThroughTheSitesAndEventsShowAgainstThePreviousFilm) {
    FilmScoringDialog dialog(nullptr, context(), [](const core::Reading&) {});
    core::Reading reading;
    reading.reader = "Dr Lee";
    dialog.TransferTo(reading);
    dialog.Show();
    pumpEvents(200);
    click(dialog, "show_previous");  // the reader chooses to see the previous film
    pressAll(dialog, "0200");        // C2_inf 0, C3_sup 2 (was 0: new syndesmophyte), ...
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

TEST(FilmScoring, PreviousGradesAreHiddenUntilChosenAndSeeingThemRecordsTheOrderAsKnown) {
    std::optional<core::Reading> saved;
    FilmScoringDialog dialog(nullptr, context(), [&](const core::Reading& r) { saved = r; });
    core::Reading reading;
    reading.reader = "Dr Lee";
    dialog.TransferTo(reading);
    dialog.Show();
    pumpEvents(100);
    // Blinded by default: no "was" grades, no events, and the box is the reader's to tick.
    EXPECT_FALSE(checkBox(dialog, "show_previous")->GetValue());
    EXPECT_NE(labelOf(dialog, "previous_label").Find("Blinded"), wxNOT_FOUND)
        << labelOf(dialog, "previous_label");
    EXPECT_EQ(labelOf(dialog, "events_label"), "");
    EXPECT_EQ(labelOf(dialog, "site_label").Find("previous film"), wxNOT_FOUND)
        << labelOf(dialog, "site_label");
    EXPECT_FALSE(checkBox(dialog, "chronology_known")->GetValue());
    EXPECT_TRUE(checkBox(dialog, "chronology_known")->IsEnabled());
    saveScreenshot(&dialog, "film_scoring_blinded");

    click(dialog, "show_previous");
    EXPECT_NE(labelOf(dialog, "previous_label").Find("2021-01-05"), wxNOT_FOUND);
    EXPECT_TRUE(checkBox(dialog, "chronology_known")->GetValue())
        << "seeing the previous film is knowing the order";
    EXPECT_FALSE(checkBox(dialog, "chronology_known")->IsEnabled());
    saveScreenshot(&dialog, "film_scoring_previous_shown");
    // Hiding them again does not undo what the reader saw.
    click(dialog, "show_previous");
    EXPECT_TRUE(checkBox(dialog, "chronology_known")->GetValue());
    EXPECT_FALSE(checkBox(dialog, "chronology_known")->IsEnabled());
    pressAll(dialog, "000000000000000000000000");
    ASSERT_TRUE(dialog.trySave());
    ASSERT_TRUE(saved);
    EXPECT_TRUE(saved->chronologyKnown);
}

TEST(FilmScoring, ABlindedReadingIsRecordedAsBlinded) {
    std::optional<core::Reading> saved;
    FilmScoringDialog dialog(nullptr, context(), [&](const core::Reading& r) { saved = r; });
    core::Reading reading;
    reading.reader = "Dr Lee";
    dialog.TransferTo(reading);
    EXPECT_NE(labelOf(dialog, "previous_label").Find("Blinded"), wxNOT_FOUND)
        << labelOf(dialog, "previous_label");
    EXPECT_EQ(labelOf(dialog, "site_label").Find("previous film"), wxNOT_FOUND)
        << labelOf(dialog, "site_label");
    pressAll(dialog, "000000000000000000000000");
    ASSERT_TRUE(dialog.trySave());
    ASSERT_TRUE(saved);
    EXPECT_FALSE(saved->chronologyKnown);
}

TEST(FilmScoring, TheReaderIsARegisteredReaderMatchedWithoutRegardToCase) {
    std::optional<core::Reading> saved;
    FilmScoringDialog dialog(nullptr, context(), [&](const core::Reading& r) { saved = r; });
    dialog.TransferTo(core::Reading{});
    pressAll(dialog, "000000000000000000000000");
    typeReader(dialog, "Dr Kim");
    EXPECT_FALSE(dialog.trySave()) << "an unregistered name is not a reader";
    const wxString message = labelOf(dialog, "top_message");
    EXPECT_NE(message.Find("Dr Kim"), wxNOT_FOUND) << message;
    EXPECT_NE(message.Find("Dr Lee, Dr Park"), wxNOT_FOUND) << message;
    EXPECT_NE(message.Find("Add reader"), wxNOT_FOUND) << message;
    typeReader(dialog, "dr lee");
    EXPECT_NE(labelOf(dialog, "previous_label").Find("2021-01-05"), wxNOT_FOUND)
        << "\"dr lee\" is Dr Lee: " << labelOf(dialog, "previous_label");
    ASSERT_TRUE(dialog.trySave());
    EXPECT_EQ(saved->reader, "Dr Lee");
}

TEST(FilmScoring, AddReaderShowsTheRegisteredReadersAndConfirmsBeforeRegistering) {
    FilmScoringContext c = context();
    std::vector<std::string> registered;
    c.addReader = [&](const std::string& name) {
        registered.push_back(name);
        return name;
    };
    FilmScoringDialog dialog(nullptr, c, [](const core::Reading&) {});
    dialog.TransferTo(core::Reading{});
    auto* add = XRCCTRL(dialog, "add_reader", wxButton);
    ASSERT_TRUE(add->IsShown());
    const auto pressAdd = [&] {
        wxCommandEvent event(wxEVT_BUTTON, add->GetId());
        event.SetEventObject(add);
        add->GetEventHandler()->ProcessEvent(event);
        pumpEvents(20);
    };
    const auto typeName = [](const char* name) {
        return [name](wxDialog& d) {
            dynamic_cast<wxTextEntryDialog&>(d).SetValue(name);
            return wxID_OK;
        };
    };
    {
        // A spelling of a registered reader: that reader is chosen, nothing is registered.
        DialogResponder responder;
        responder.then(typeName("DR PARK")).thenReturn(wxID_OK);
        pressAdd();
        EXPECT_TRUE(registered.empty());
        EXPECT_EQ(XRCCTRL(dialog, "reader", wxComboBox)->GetValue(), "Dr Park");
        ASSERT_EQ(responder.seen().size(), 2u);
        EXPECT_NE(responder.seen()[1].find("Dr Park"), std::string::npos) << responder.seen()[1];
    }
    {
        // "Go back" at the confirmation registers nothing.
        DialogResponder responder;
        responder.then(typeName("Dr Kim")).thenReturn(wxID_NO);
        pressAdd();
        EXPECT_TRUE(registered.empty());
        ASSERT_EQ(responder.seen().size(), 2u);
        EXPECT_NE(responder.seen()[1].find("Dr Lee, Dr Park"), std::string::npos) << responder.seen()[1];
    }
    {
        DialogResponder responder;
        responder.then(typeName("Dr Kim")).thenReturn(wxID_YES);
        pressAdd();
        EXPECT_EQ(registered, std::vector<std::string>{"Dr Kim"});
        EXPECT_EQ(XRCCTRL(dialog, "reader", wxComboBox)->GetValue(), "Dr Kim");
    }
    dialog.Show();
    saveScreenshot(&dialog, "film_scoring_add_reader");
    core::Reading read;
    pressAll(dialog, "000000000000000000000000");
    ASSERT_TRUE(dialog.TransferFrom(read));
    EXPECT_EQ(read.reader, "Dr Kim");
}

class FilmRoundTrip : public TempDatabaseTest {};

TEST_F(FilmRoundTrip, AStoredReadingComesBackUnchangedAndOnlyTheChangedGradeIsAudited) {
    storage::Database db(databasePath(), "", storage::Open::CreateNew);
    storage::FilmRepository films(db);
    FilmScoringContext c = context();
    const auto patientId = storage::PatientRepository(db).add(c.patient);
    storage::ReaderRepository(db).add("Dr Park");
    const auto filmId = films.addFilm(patientId, c.filmDate);
    // No reading date recorded, read knowing the order, with sites not assessable and not scored.
    core::Reading reading = core::parseReading("0,1,2,3,0,0,0,0,0,0,0,0,1,1,0,0,0,0,0,0,0,0,0,0", "Dr Park");
    reading.readingDate = std::nullopt;
    reading.chronologyKnown = true;
    reading.at(core::Site::L5_inf) =
        core::SiteScore::notAssessable(core::NotAssessableReason::SurgeryHardware);
    reading.at(core::Site::S1_sup).reset();
    const auto readingId = films.addReading(filmId, reading);
    const auto load = [&] { return storage::HistoryReader(db).load(patientId)->films.at(0).readings.at(0); };
    const auto auditRows = [&] { return storage::auditRowsFor(db, "reading", readingId); };
    const core::Reading stored = load();
    const std::size_t rowsBefore = auditRows().size();
    const SaveReading save = [&](const core::Reading& r) { films.updateReading(readingId, r, "regraded"); };
    DialogResponder responder;  // one site is not scored: each save asks first
    responder.thenReturn(wxID_YES).thenReturn(wxID_YES);
    {
        FilmScoringDialog dialog(nullptr, c, save);
        dialog.TransferTo(stored);
        ASSERT_TRUE(dialog.trySave()) << labelOf(dialog, "top_message");
        EXPECT_EQ(storage::toJson(dialog.saved()), storage::toJson(stored));
        EXPECT_EQ(storage::toJson(load()), storage::toJson(stored));
        EXPECT_EQ(auditRows().size(), rowsBefore) << "nothing changed: no audit row";
    }
    {
        FilmScoringDialog dialog(nullptr, c, save);
        dialog.TransferTo(stored);
        press(dialog, WXK_HOME);
        press(dialog, '3');  // C2_inf 0 -> 3
        ASSERT_TRUE(dialog.trySave()) << labelOf(dialog, "top_message");
        const auto rows = auditRows();
        ASSERT_EQ(rows.size(), rowsBefore + 1);
        EXPECT_EQ(changedFields(rows.back().oldValues, rows.back().newValues),
                  std::vector<std::string>{"sites"});
    }
}

}  // namespace ankylos::ui::test
