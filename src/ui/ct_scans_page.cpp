#include "ui/ct_scans_page.h"

#include <wx/listctrl.h>
#include <wx/sizer.h>

#include "core/format.h"
#include "storage/ct_scan_repository.h"
#include "storage/errors.h"
#include "storage/json_codec.h"
#include "storage/reader_repository.h"
#include "ui/ct_scan_dialog.h"
#include "ui/ctss_scoring.h"
#include "ui/display.h"
#include "ui/editor_fields.h"
#include "ui/permissions.h"
#include "ui/reason_dialog.h"
#include "ui/record_edits.h"
#include "ui/record_table.h"

namespace ankylos::ui {

namespace {

using storage::Action;

wxString valueText(const std::optional<double>& value) {
    return value ? fromUtf8(core::formatFixed(*value, 1)) : _("not computable");
}

/// "the CT scan of 2022-03-04"
wxString scanName(const core::CtScan& scan) {
    return wxString::Format(_("the CT scan of %s"), dateText(scan.date));
}

/// "the CTSS reading by Dr Lee of the CT scan of 2022-03-04"
wxString readingName(const core::CtScan& scan, const core::CtssReading& reading) {
    return wxString::Format(_("the CTSS reading by %s of the CT scan of %s"), fromUtf8(reading.reader),
                            dateText(scan.date));
}

}  // namespace

CtScansPage::CtScansPage(wxWindow* parent, storage::Database& db, std::function<void()> written,
                         std::function<void()> reload)
    : wxPanel(parent), m_db(db), m_written(std::move(written)), m_reload(std::move(reload)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(
        makeButtonRow(
            this, m_db,
            {{_("&New CT scan..."), [this] { newScan(); }, Action::AddFilms,
              _("New CT scan: Alt+N on this tab, Ctrl+Shift+C from anywhere in the record (Patient menu)")},
             {_("Edi&t CT scan..."), [this] { editScanAt(selectedRow()); }, Action::AddFilms},
             {_("De&lete CT scan..."), [this] { deleteScanAt(selectedRow()); }, Action::DeleteFilms},
             {_("&Score (new reading)..."), [this] { scoreScanAt(selectedRow()); }, Action::ScoreFilms},
             {_("Edit readin&g..."), [this] { editReadingAt(selectedRow()); }, Action::ScoreFilms},
             {_("Delete re&ading..."), [this] { deleteReadingAt(selectedRow()); }, Action::ScoreFilms}}),
        0, wxALL, FromDIP(6));
    m_table = makeRecordTable(this, {{_("Scan date"), 100},
                                     {_("Scanner"), 140},
                                     {_("Whole spine"), 80},
                                     {_("Reader"), 140},
                                     {_("Cervical"), 80},
                                     {_("Thoracic"), 80},
                                     {_("Lumbar"), 80},
                                     {_("Imputed (C / T / L)"), 120},
                                     {_("Reading CTSS"), 100},
                                     {_("Scan CTSS"), 260}});
    sizer->Add(m_table, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    SetSizer(sizer);
    m_table->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        if (!mayDo(m_db, Action::ScoreFilms))
            return;
        const long row = event.GetIndex();
        if (row >= 0 && row < static_cast<long>(m_rows.size()) &&
            m_rows[static_cast<std::size_t>(row)].reading)
            editReadingAt(row);
        else
            scoreScanAt(row);
    });
}

void CtScansPage::fill(std::int64_t patientId, const core::PatientHistory& history,
                       const core::Settings& settings, std::int64_t loadedAt) {
    m_patientId = patientId;
    m_loadedAt = loadedAt;
    m_patient = history.patient;
    m_settings = settings;
    m_scans = history.ctScans;
    m_rows.clear();
    for (std::size_t s = 0; s < m_scans.size(); ++s) {
        if (m_scans[s].readings.empty())
            m_rows.push_back({s, std::nullopt});
        for (std::size_t r = 0; r < m_scans[s].readings.size(); ++r)
            m_rows.push_back({s, r});
    }
    m_table->DeleteAllItems();
    for (const Row& row : m_rows)
        addRow(m_table, rowCells(row));
    fitColumns(m_table);
    Layout();
}

std::vector<wxString> CtScansPage::rowCells(const Row& row) const {
    const core::CtScan& scan = m_scans[row.scan];
    const core::CtScanScore scanScore = core::scoreCtScan(scan, m_settings.ctss);
    std::vector<wxString> cells = {dateText(scan.date), fromUtf8(scan.device),
                                   scan.wholeSpine ? _("yes") : _("no")};
    if (row.reading) {
        const core::CtssScore& score = scanScore.readingScores[*row.reading];
        cells.push_back(fromUtf8(scan.readings[*row.reading].reader));
        for (core::CtssSegment segment : core::allCtssSegments())
            cells.push_back(valueText(score.segment(segment).value));
        cells.push_back(wxString::Format("%d / %d / %d", score.cervical.imputed, score.thoracic.imputed,
                                         score.lumbar.imputed));
        cells.push_back(score.total ? valueText(score.total) : fromUtf8(score.reason));
    } else {
        cells.insert(cells.end(),
                     {_("no reading yet"), wxString(), wxString(), wxString(), wxString(), wxString()});
    }
    // The scan's CTSS on its first row: the mean of the readers' computable totals (core::scoreCtScan).
    const bool first = !row.reading || *row.reading == 0;
    if (first && scanScore.value)
        cells.push_back(wxString::Format(_("%s (%d of %d readings)"), valueText(scanScore.value),
                                         scanScore.readingsUsed, scanScore.readingsTotal));
    else if (first)
        cells.push_back(fromUtf8(scanScore.reason));
    return cells;
}

long CtScansPage::selectedRow() const {
    return m_table->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

const core::CtScan* CtScansPage::scanAt(long row) const {
    if (row < 0 || row >= static_cast<long>(m_rows.size()))
        return nullptr;
    return &m_scans[m_rows[static_cast<std::size_t>(row)].scan];
}

void CtScansPage::newScan() {
    core::CtScan scan;
    scan.date = today();
    core::Date added;
    const bool saved = editCtScan(
        this, m_patient, scan,
        [&](const core::CtScan& entered) {
            storage::CtScanRepository(m_db).addScan(m_patientId, entered);
            added = entered.date;
        },
        _("New CT scan"));
    if (!saved)
        return;
    m_written();
    // Straight on to scoring it, when the account may: that is why a scan is added.
    if (!mayDo(m_db, Action::ScoreFilms))
        return;
    for (std::size_t row = 0; row < m_rows.size(); ++row)
        if (m_scans[m_rows[row].scan].date == added) {
            scoreScanAt(static_cast<long>(row));
            return;
        }
}

void CtScansPage::editScanAt(long row) {
    const core::CtScan* found = scanAt(row);
    if (!found)
        return;
    const core::CtScan original = *found;
    const auto id = storage::CtScanRepository(m_db).scanId(m_patientId, original.date);
    if (!id)
        return;
    core::CtScan scan = original;
    std::int64_t opened = m_loadedAt;
    const bool saved = editCtScan(
        this, m_patient, scan,
        [&](const core::CtScan& changed) {
            if (changed.date == original.date && changed.device == original.device &&
                changed.wholeSpine == original.wholeSpine)
                return;  // saved unchanged: nothing to write, no reason to ask
            const std::string reason =
                requireReason(this, wxString::Format(_("Correct %s"), scanName(original)));
            saveAgainst(m_db, opened, [&](std::int64_t version) {
                storage::CtScanRepository(m_db).updateScan(*id, changed, reason, version);
            });
        },
        _("Edit CT scan"));
    if (saved)
        m_written();
}

void CtScansPage::deleteScanAt(long row) {
    const core::CtScan* scan = scanAt(row);
    if (!scan)
        return;
    const auto reason = askReason(this, wxString::Format(_("Delete %s with its readings"), scanName(*scan)));
    if (!reason)
        return;
    runDeletion([&] {
        storage::CtScanRepository repository(m_db);
        if (const auto id = repository.scanId(m_patientId, scan->date))
            repository.removeScan(*id, *reason, m_loadedAt);
    });
}

void CtScansPage::runDeletion(const std::function<void()>& remove) {
    try {
        remove();
        m_written();
    } catch (const storage::ChangedSinceOpened& e) {
        showError(this, e);
        m_reload();  // shows what was changed; deleting again deletes that
    } catch (const Error& e) {
        showError(this, e);
    }
}

void CtScansPage::openScoring(const core::CtScan& scan, core::CtssReading reading,
                              const std::function<void(const core::CtssReading&)>& save) {
    CtssScoringContext context;
    context.patient = m_patient;
    context.scan = scan;
    context.scans = m_scans;
    context.settings = m_settings;
    for (const storage::Reader& reader : storage::ReaderRepository(m_db).list())
        context.readers.push_back(reader.name);
    if (mayDo(m_db, Action::RegisterReaders))
        context.addReader = [this](const std::string& name) {
            return storage::ReaderRepository(m_db).add(name).name;
        };
    if (scoreCtss(this, context, reading, save))
        m_written();
}

void CtScansPage::scoreScanAt(long row) {
    const core::CtScan* scan = scanAt(row);
    if (!scan)
        return;
    const auto id = storage::CtScanRepository(m_db).scanId(m_patientId, scan->date);
    if (!id)
        return;
    core::CtssReading reading;
    reading.readingDate = today();
    openScoring(*scan, reading, [this, id = *id](const core::CtssReading& entered) {
        storage::CtScanRepository(m_db).addReading(id, entered);
    });
}

void CtScansPage::editReadingAt(long row) {
    const core::CtScan* scan = scanAt(row);
    if (!scan || !m_rows[static_cast<std::size_t>(row)].reading)
        return;
    const core::CtssReading original = scan->readings[*m_rows[static_cast<std::size_t>(row)].reading];
    storage::CtScanRepository repository(m_db);
    const auto scanId = repository.scanId(m_patientId, scan->date);
    const auto id = scanId ? repository.readingId(*scanId, original.reader) : std::nullopt;
    if (!id)
        return;
    std::int64_t opened = m_loadedAt;
    openScoring(*scan, original, [&, id = *id](const core::CtssReading& changed) {
        if (storage::toJson(changed) == storage::toJson(original))
            return;  // saved unchanged: nothing to write, no reason to ask
        const std::string reason =
            requireReason(this, wxString::Format(_("Correct %s"), readingName(*scan, original)));
        saveAgainst(m_db, opened, [&](std::int64_t version) {
            storage::CtScanRepository(m_db).updateReading(id, changed, reason, version);
        });
    });
}

void CtScansPage::deleteReadingAt(long row) {
    const core::CtScan* scan = scanAt(row);
    if (!scan || !m_rows[static_cast<std::size_t>(row)].reading)
        return;
    const core::CtssReading& reading = scan->readings[*m_rows[static_cast<std::size_t>(row)].reading];
    const auto reason = askReason(this, wxString::Format(_("Delete %s"), readingName(*scan, reading)));
    if (!reason)
        return;
    runDeletion([&] {
        storage::CtScanRepository repository(m_db);
        const auto scanId = repository.scanId(m_patientId, scan->date);
        if (const auto id = scanId ? repository.readingId(*scanId, reading.reader) : std::nullopt)
            repository.removeReading(*id, *reason, m_loadedAt);
    });
}

}  // namespace ankylos::ui
