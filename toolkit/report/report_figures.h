// The figures of a comparison report, drawn with the plot primitives (plot/, gnuplot -> inline SVG) from what the
// report model holds: ROC (1/eps_B against eps_S, log y, ratio panel to the reference) and SIC curves as in the
// top-tagging landscape (arXiv:1902.09914); learning curves; the first metric against each swept hyperparameter;
// background mass before/after the cut and the R50 vs 1/JSD plane for decorrelation scans (arXiv:2001.05310);
// average, difference and correlation images; GAN training distances and average images. A figure whose data no
// run stored is skipped with a note; one gnuplot cannot draw carries the error as its note.
#pragma once

#include <vector>

#include "toolkit/report/figure.h"
#include "toolkit/report/study_report.h"

namespace jetstudy::report {

std::vector<Figure> report_figures(const StudyReport& report);

}  // namespace jetstudy::report
