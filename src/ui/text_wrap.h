#pragma once
/// Wrapping a label to a width in Chinese as well as in English. wxStaticText::Wrap breaks lines at
/// spaces only, so a Chinese sentence, which has none, stays one line as wide as the text and widens
/// its dialog past the screen. Here a line may also break between two Chinese characters, never
/// before closing punctuation (，。）...) nor after opening punctuation (（“...), as Chinese
/// typesetting does; Latin words, numbers and dates stay whole.

#include <wx/string.h>

class wxStaticText;
class wxWindow;

namespace ankylos::ui {

/// text with line breaks inserted so that no line is wider than width pixels in window's font (a
/// single word wider than that gets a line of its own). Existing line breaks are kept; width <= 0
/// leaves the text as it is.
wxString wrappedText(const wxWindow& window, const wxString& text, int width);

/// Wraps the label's current text to width (the replacement for wxStaticText::Wrap).
void wrapLabel(wxStaticText* label, int width);

}  // namespace ankylos::ui
