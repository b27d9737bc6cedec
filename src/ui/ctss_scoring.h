#pragma once
/// CTSS scoring: one reader's grades of the 184 quadrants of one low-dose CT (docs/methods.md 12),
/// typed quadrant by quadrant in the order of section 12 on a compact grid of the 23 vertebral units,
/// beside a sagittal and a coronal schematic of the current unit. The segment and total scores with
/// their imputed counts (core::scoreCtssReading) and the events against this reader's reading of the
/// previous scan (core::compareCtssReadings) update as the grades are typed.

#include <wx/dialog.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/ctss.h"
#include "core/settings.h"
#include "ui/ctss_views.h"
#include "ui/reader_choice.h"

class wxCheckBox;
class wxChoice;
class wxComboBox;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

struct CtssScoringContext {
    core::Patient patient;
    core::CtScan scan;                 ///< the scan being scored (its date, scanner, coverage)
    std::vector<core::CtScan> scans;   ///< all the patient's scans with their readings, for the previous scan
    std::vector<std::string> readers;  ///< the registered readers (storage::ReaderRepository)
    /// Registers a new reader ("Add reader..."); without it the dialog offers none.
    RegisterReader addReader;
    core::Settings settings;
};

/// Called when the user saves; throws ankylos::Error to refuse (the dialog shows e.what() and stays open).
using SaveCtssReading = std::function<void(const core::CtssReading& reading)>;

/// Opens CTSS scoring on reading (a new one has no reader yet; give it today's reading date). True
/// when saved; reading then holds what was saved.
///
/// Blinding, as in film scoring: this reader's grades of the previous scan and the events against it
/// are hidden until the reader chooses to see them; once shown, the reading is recorded as done
/// knowing the scans' order (chronology known), and that box cannot be unticked for the session.
bool scoreCtss(wxWindow* parent, const CtssScoringContext& context, core::CtssReading& reading,
               const SaveCtssReading& save);

/// The dialog behind scoreCtss, public so tests can drive it without a modal loop.
class CtssScoringDialog : public wxDialog {
public:
    CtssScoringDialog(wxWindow* parent, const CtssScoringContext& context, const SaveCtssReading& save);

    void TransferTo(const core::CtssReading& reading);
    /// Reads reader, date and grades. False, with the problem shown, when they cannot be saved.
    bool TransferFrom(core::CtssReading& reading);

    bool trySave();
    /// Esc, Cancel or closing: asks before throwing changes away. True when the dialog closed.
    bool tryCancel();
    bool isModified() const { return m_modified; }

    const core::CtssReading& saved() const { return m_saved; }
    /// The grades as typed so far.
    const core::CtssReading& current() const { return m_state.reading; }
    int cursor() const { return m_state.cursor; }
    /// The views that take the grades (for focus and clicks in tests).
    wxWindow* grid() const { return m_grid; }
    wxWindow* schematic() const { return m_schematic; }
    wxScrolledWindow* gridScroller() const { return m_scroller; }

private:
    /// The grid with its header, in its scroller, and the schematic, into their panels.
    void makeViews();
    /// Binds the reader, date, check boxes, reason choice, Save / Cancel and Esc.
    void bindFields();
    void onQuadrantKey(wxKeyEvent& event);
    /// Arrows, Home/End, Page Up/Down: true when the key moved the cursor.
    bool moveByKey(int keyCode);
    void setQuadrant(const std::optional<core::QuadrantScore>& score, bool advance);
    void moveTo(int quadrant);
    void updatePrevious();
    void addReader();
    /// The previous scan's line and the events against it (or why there are none: blinded, none).
    void showPreviousScan();
    /// The current quadrant's line and its not-assessable reason.
    void showCurrentQuadrant();
    /// Recomputes scores and events from core and redraws.
    void refresh();

    CtssScoringContext m_context;
    SaveCtssReading m_save;
    CtssQuadrantState m_state;
    std::optional<core::Date> m_previousDate;
    std::optional<core::CtssReading> m_previousReading;  ///< this reader's previous scan, shown or not
    bool m_previousSeen = false;                         ///< the previous grades were shown this session
    bool m_awaitingReason = false;
    bool m_modified = false;
    bool m_loading = false;
    core::CtssReading m_saved;

    wxComboBox* m_reader;
    wxTextCtrl* m_readingDate;
    wxCheckBox* m_chronology;
    wxCheckBox* m_showPrevious;
    wxScrolledWindow* m_scroller;
    CtssGrid* m_grid;
    CtssUnitSchematic* m_schematic;
    wxChoice* m_naReason;
    wxStaticText* m_summary;
    wxStaticText* m_topLine;
};

}  // namespace ankylos::ui
