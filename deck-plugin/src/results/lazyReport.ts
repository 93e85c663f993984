/**
 * The lazily loaded report view (recharts lives in its chunk), shared by the results tab and the full-report dialog
 * so both load the same chunk once (`docs/design/deck-plugin.md` §4 item 5).
 */
import * as React from 'react';

/** `React.lazy` of `report/ReportView`. */
export const LazyReportView = React.lazy(() => import('../report/ReportView'));
