// Every namespace of one language: the server imports it, the browser loads it on demand (its own chunk).
import admin from "./admin.json";
import auth from "./auth.json";
import common from "./common.json";
import disputes from "./disputes.json";
import fairs from "./fairs.json";
import finance from "./finance.json";
import governance from "./governance.json";
import jobs from "./jobs.json";
import labour from "./labour.json";
import members from "./members.json";
import monitoring from "./monitoring.json";
import tickets from "./tickets.json";
import uploads from "./uploads.json";

export default { admin, auth, common, disputes, fairs, finance, governance, jobs, labour, members, monitoring, tickets, uploads };
