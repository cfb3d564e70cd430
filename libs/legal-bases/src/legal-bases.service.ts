import { Injectable } from '@nestjs/common';
import type { Principal } from '@enlace/auth';
import { DomainError, ErrorCode } from '@enlace/core';
import type { CountryCode } from '@enlace/workflows';
import {
  countryProfileViews,
  legalBasisViews,
  profileSourcesView,
  type CountryProfileView,
  type LegalBasisView,
  type ProfileSourcesView,
} from './reference-views.js';

/** Reference data every signed-in user may read: it is public law and public offices, not case content. */
@Injectable()
export class LegalBasesService {
  /** `from` defaults to the user's own country (a fiscal asks about their own requests). */
  forPair(principal: Principal, to: CountryCode, from?: CountryCode): LegalBasisView[] {
    const requesting = from ?? principal.country;
    if (!requesting) {
      throw new DomainError(ErrorCode.ValidationFailed, 'from: give the requesting country', {
        fields: [{ field: 'from', rule: 'required' }],
      });
    }
    if (requesting === to) {
      throw new DomainError(ErrorCode.ValidationFailed, 'to: a request goes to another member country', {
        fields: [{ field: 'to', rule: 'not_same_country' }],
      });
    }
    return legalBasisViews(requesting, to);
  }

  countries(): CountryProfileView[] {
    return countryProfileViews();
  }

  sources(): ProfileSourcesView {
    return profileSourcesView();
  }
}
