// gnuplot's SVG made fit to sit inside an HTML page next to other plots: the XML prolog goes, every id gets
// the figure's own prefix (gnuplot names its markers gpPt0.. and its canvas gnuplot_canvas in every file, so
// two plots on a page would otherwise clash), and text is fully XML-escaped.
#pragma once

#include <string>
#include <string_view>

namespace jetstudy::report::plot {

// Turns a complete SVG document into an inline <svg> element: starts with "<svg", ends with "</svg>".
// Ids X become "<prefix>_X" (unless they already start so), with their references (#X in href/url());
// the <svg> element gets id="<prefix>" and class="jetstudy-plot". In text content > " ' become entities
// too (gnuplot writes only &lt; and &amp;), so user strings come out fully XML-escaped. `prefix` must be an XML name ([A-Za-z_][A-Za-z0-9_-]*).
std::string inline_svg(std::string_view svg_document, std::string_view prefix);

// `text` with & < > " ' replaced by XML entities.
std::string xml_escape(std::string_view text);

}  // namespace jetstudy::report::plot
