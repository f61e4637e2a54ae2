/** The park office's supervision over HTTP: cadences, grades and the weekly report. */
package io.hazardledger.api.supervision;
