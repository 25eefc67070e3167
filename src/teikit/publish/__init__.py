"""Publishing: a static site (``teikit build``) and a harvestable server (``teikit serve``).

The edition itself (articles, ids, datestamps, Dublin Core) is :mod:`teikit.edition`,
the model every command shares. Modules, one concern each:

* :mod:`teikit.publish.dc`     - the teiHeader -> Dublin Core mapping (runs xslt/common/dublin-core.xsl)
* :mod:`teikit.publish.records` - an article's static DTS files
* :mod:`teikit.publish.home`   - the site's front page
* :mod:`teikit.publish.oai`    - OAI-PMH 2.0 repository (dynamic and static)
* :mod:`teikit.publish.dts`    - DTS 1.0 entry, collection, navigation and document endpoints
* :mod:`teikit.publish.site`   - the incremental static site build
* :mod:`teikit.publish.server` - the ASGI application served by uvicorn
"""
