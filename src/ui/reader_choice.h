#pragma once
/// "Add reader..." of the dialogs that record a reading (film scoring, pelvic films): asks the new
/// reader's name, says when it is registered already (names match without regard to case), confirms
/// (one person under two names counts as two readers), registers it and selects it.

#include <wx/string.h>

#include <functional>
#include <string>
#include <vector>

class wxComboBox;
class wxStaticText;
class wxWindow;

namespace ankylos::ui {

/// Registers a reader and returns the name as registered; throws ankylos::Error to refuse.
using RegisterReader = std::function<std::string(const std::string& name)>;

/// Runs "Add reader..." for the reader box of parent: readers are the registered ones (the new one is
/// added to them and to the box, and chosen). A refusal is shown on messageLine. True when registered.
bool addReaderTo(wxWindow* parent, std::vector<std::string>& readers, wxComboBox* box,
                 const RegisterReader& registerReader, wxStaticText* messageLine, int wrapWidth);

/// A reader name as names are compared: trimmed, without regard to case.
std::string foldedReaderName(const wxString& text);

/// The registered reader typed in box (matched without regard to case), or empty.
std::string registeredReaderIn(const wxComboBox* box, const std::vector<std::string>& readers);

}  // namespace ankylos::ui
