/** The park office's supervision over HTTP: cadences (and, to come, grading and weekly reports). */
package io.hazardledger.api.supervision;
