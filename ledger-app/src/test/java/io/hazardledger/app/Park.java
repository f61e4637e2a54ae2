package io.hazardledger.app;

import static io.hazardledger.app.Http.j;
import static org.assertj.core.api.Assertions.assertThat;

/** A small park set up over HTTP: one enterprise, a reporter, an owner and a verifier. */
final class Park {

    static final String SHA_BEFORE = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String SHA_AFTER = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    private Park() {
    }

    static void setUp(Http http, String enterpriseId) {
        ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'" + enterpriseId + "','name':'Acme Chemicals',"
                + "'sector':'hazardous chemicals','highRisk':true}")));
        ok(http.post("/api/v1/people", j("{'personId':'" + enterpriseId + "-rep','name':'Li Wei','enterpriseId':'"
                + enterpriseId + "','roles':['ENTERPRISE_STAFF']}")));
        ok(http.post("/api/v1/people", j("{'personId':'" + enterpriseId + "-own','name':'Wang Fang','enterpriseId':'"
                + enterpriseId + "','roles':['ENTERPRISE_STAFF']}")));
        ok(http.post("/api/v1/people", j("{'personId':'" + enterpriseId + "-ver','name':'Zhao Min',"
                + "'roles':['VERIFIER']}")));
    }

    static String reportBody(String hazardId, String enterpriseId) {
        return j("{'hazardId':'" + hazardId + "','enterpriseId':'" + enterpriseId + "','level':'MAJOR',"
                + "'source':'SELF_INSPECTION','criterionRef':'MEM Order No.10 Art.4(1)','category':'fire safety',"
                + "'location':'Tank farm B','description':'Flange leak at pump 3','foundAt':'2026-11-01T08:00:00Z',"
                + "'reportedBy':'" + enterpriseId + "-rep','evidence':[{'sha256':'" + SHA_BEFORE + "',"
                + "'mediaType':'image/jpeg','capturedAt':'2026-11-01T08:00:00Z','name':'before.jpg'}]}");
    }

    static Http.Response ok(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r;
    }
}
