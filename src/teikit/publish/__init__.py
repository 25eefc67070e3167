"""Publishing: a static site (``teikit build``) and a harvestable server (``teikit serve``).

Modules, one concern each:

* :mod:`teikit.publish.dc`     - the teiHeader -> Dublin Core mapping (runs xslt/common/dublin-core.xsl)
* :mod:`teikit.publish.edition` - the edition as the publisher sees it: articles, ids, datestamps
* :mod:`teikit.publish.oai`    - OAI-PMH 2.0 repository (dynamic and static)
* :mod:`teikit.publish.dts`    - DTS 1.0 entry, collection, navigation and document endpoints
* :mod:`teikit.publish.site`   - the incremental static site build
* :mod:`teikit.publish.server` - the ASGI application served by uvicorn
"""
